// Types of format.js for the TypeScript side (the CLI's sentences, pipelines/cli/messages.ts, format
// numbers, percentages and dates with it). The number and date functions are typed; the rest are
// the site's helpers, declared loosely so that tests importing them keep compiling.
/* eslint-disable @typescript-eslint/no-explicit-any */
export function formatNumber(n: number | null | undefined): string;
export function formatPercent(x: number | null | undefined, digits?: number): string;
export function formatDate(iso: string | null | undefined): string;
export function formatDateTime(iso: string | null | undefined): string;
export function countTick(n: number): string;
export function periodLabel(period: string | null | undefined): string;
export function monthLabel(month: string | null | undefined): string;
export function setVocabulary(vocabulary: any): any;
export function vocabCodes(domain: string): string[];
export function vocabLabel(domain: string, code: string | null | undefined, kind?: "label" | "short"): string;
export function channelLabel(channel: string | null | undefined): string;
export function areaLabel(area: string | null | undefined): string;
export function agencyLabel(name: string | null | undefined): string;
export function agencyKindLabel(kind: string | null | undefined): string;
export function attributionLabel(method: string | null | undefined): string;
export function compareNames(a: any, b: any): number;
export function compareText(a: any, b: any): number;
export function splitList(text: any): string[];
export function healthFlagMessages(text: any): any[];
export function listOf(text: any): any;
export function measureUnit(measure: any): string;
export function healthLabel(health: any, stale?: any): any;
export function currentYear(today?: any): number;
export function currentQuarter(today?: any): any;
export function defaultYear(years: any, today?: any): any;
export function yearChoices(years: any, today?: any): any;
export function targetBasis(d: any): string;
export function noTargetsNote(meta: any, year: any, periodName?: any): any;
export function rowsOf(table: any, columns?: any): any;
export function monthOf(iso: any): any;
export function previousMonth(month: any): any;
export function quarterOfMonth(month: any): any;
export function formatChange(n: any): string;
