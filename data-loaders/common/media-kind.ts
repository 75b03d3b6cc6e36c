/**
 * What kind of media an article page is (pipelines/vocabulary media_kind):
 * video, audio, document, gallery or text. Pure; read from the page itself —
 * the article's own address (a platform's video section such as baotayninh.vn
 * /video/…), OpenGraph `og:type`, JSON-LD `@type`, players and embeds in the
 * page body. Navigation links to a video section do not make a page a video.
 */
import type { MediaKind } from "../../pipelines/vocabulary/index.ts";

const VIDEO_PATH = /\/(videos?|truyen-hinh|video-clip|clip)(\/|$)|[-/]video-\d|\/tv\//i;
const AUDIO_PATH = /\/(audio|podcast|phat-thanh)(\/|$)/i;
const GALLERY_PATH = /\/(photos?|anh|gallery|phong-su-anh|emagazine-anh)(\/|$)/i;
const DOCUMENT_EXT = /\.(pdf|docx?|xlsx?|odt)(\?|#|$)/i;

const EMBED_HOSTS = /(youtube\.com\/embed|youtube-nocookie\.com|youtu\.be\/|player\.vimeo\.com|facebook\.com\/plugins\/video|fb\.watch|tiktok\.com\/embed|\/embed\/video)/i;

/** Each property's tag pattern, compiled once (no `g` flag: `exec` keeps no state between pages). */
const META_TAGS = new Map<string, RegExp>();

function metaContent(html: string, property: string): string | null {
  let re = META_TAGS.get(property);
  if (!re) META_TAGS.set(property, (re = new RegExp(`<meta[^>]+(?:property|name)=["']${property.replace(/[:.]/g, "\\$&")}["'][^>]*>`, "i")));
  const tag = re.exec(html)?.[0];
  if (!tag) return null;
  return /content=["']([^"']*)["']/i.exec(tag)?.[1]?.toLowerCase() ?? null;
}

/** The media kind of an article page, from its HTML and its URL. */
export function detectMediaKind(html: string, url: string): MediaKind {
  let path = url;
  try {
    path = new URL(url).pathname;
  } catch {
    // a relative or odd URL: test it as it is
  }
  if (DOCUMENT_EXT.test(path)) return "document";
  const ogType = metaContent(html, "og:type");
  if (ogType?.startsWith("video")) return "video";
  if (ogType?.startsWith("music") || ogType === "audio") return "audio";
  if (/"@type"\s*:\s*"VideoObject"/i.test(html)) return "video";
  if (VIDEO_PATH.test(path)) return "video";
  if (AUDIO_PATH.test(path)) return "audio";
  // Players and embeds in the page (a nav link to /video/ is not one).
  if (/<video[\s>]/i.test(html)) return "video";
  if (/<iframe[^>]+src=["'][^"']*/i.test(html) && [...html.matchAll(/<iframe[^>]+src=["']([^"']*)["']/gi)].some((m) => EMBED_HOSTS.test(m[1]))) return "video";
  if (/class=["'][^"']*\b(video-player|video-detail|jwplayer|vjs-tech)\b/i.test(html)) return "video";
  if (/<audio[\s>]/i.test(html) || /"@type"\s*:\s*"AudioObject"/i.test(html)) return "audio";
  if (GALLERY_PATH.test(path) || /"@type"\s*:\s*"ImageGallery"/i.test(html)) return "gallery";
  return "text";
}
