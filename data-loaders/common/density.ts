/**
 * Page chrome by selector: what listing and date readers skip on any CMS.
 * (The main text itself is found by main-text.ts; the text-density heuristic
 * that lived here scored F1 0.911 on the extraction evaluation, see docs/adapters.md.)
 */

/** Chrome that is never article text. */
export const BOILERPLATE =
  "script, style, noscript, iframe, nav, header, footer, aside, form, button, svg, template, " +
  '[role="navigation"], [role="banner"], [role="contentinfo"], [role="complementary"], ' +
  ".menu, .navbar, .breadcrumb, .breadcrumbs, .sidebar, .side-bar, .widget, .comments, .comment, .share, .social, " +
  ".related, .tin-lien-quan, .tinlienquan, .other-news, .pagination, .paging, .tags, .demo-banner, .teaser";
