/**
 * Agency names for matching: the same name with or without diacritics, in
 * any case, with or without punctuation, folds to one key.
 */

/** "Sở Tài chính" → "so tai chinh"; "Đài PT-TH" → "dai pt th". */
export function foldName(name: string): string {
  return name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}
