// Observable Framework configuration for the cchc-monitor dashboard.
// No web font from a CDN: system fonts with full Vietnamese glyphs (see src/style.css).
export default {
  root: "src",
  title: "Giám sát tuyên truyền CCHC",
  lang: "vi",
  globalStylesheets: [],
  style: "style.css",
  pages: [{ name: "Tổng quan", path: "/" }],
  footer: "cchc-monitor — theo dõi tuyên truyền cải cách hành chính tỉnh Tây Ninh.",
  // An inline icon: no /favicon.ico request, nothing fetched from elsewhere.
  head: '<link rel="icon" href="data:,">',
  search: false,
  linkify: true,
  preserveExtension: false,
};
