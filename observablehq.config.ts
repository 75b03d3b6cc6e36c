// Observable Framework configuration for the cchc-monitor dashboard.
// No web font from a CDN: system fonts with full Vietnamese glyphs (see src/style.css).
export default {
  // Tests build from a private copy of src/ (pipelines/site/build.ts), so they never write src/.observablehq/cache.
  root: process.env.CCHC_SITE_ROOT ?? "src",
  // `npm run bench` builds a large synthetic site elsewhere; everything else uses dist/.
  output: process.env.CCHC_SITE_OUTPUT ?? "dist",
  title: "Giám sát tuyên truyền CCHC",
  lang: "vi",
  globalStylesheets: [],
  style: "style.css",
  pages: [
    { name: "Tổng quan", path: "/" },
    { name: "Cơ quan", path: "/co-quan" },
    { name: "Thẻ điểm", path: "/the-diem" },
    { name: "Ma trận", path: "/ma-tran" },
    { name: "Kênh", path: "/kenh" },
    { name: "Lĩnh vực", path: "/linh-vuc" },
    { name: "Bản tin tháng", path: "/ban-tin" },
    { name: "Minh chứng", path: "/minh-chung" },
    { name: "Kế hoạch", path: "/ke-hoach" },
    { name: "Dữ liệu", path: "/du-lieu" },
    { name: "Nhật ký", path: "/nhat-ky" },
  ],
  footer: "cchc-monitor — theo dõi tuyên truyền cải cách hành chính tỉnh Tây Ninh.",
  // An inline icon: no /favicon.ico request, nothing fetched from elsewhere.
  head: '<link rel="icon" href="data:,">',
  search: false,
  pager: false,
  linkify: true,
  preserveExtension: false,
};
