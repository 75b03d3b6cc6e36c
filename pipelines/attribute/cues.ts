/**
 * The words attribution reads roles from (folded: lower case, no diacritics,
 * see matchKey). One place for every cue; attribute.ts applies them.
 * Each list is of phrases; the longest phrase that fits wins.
 */

/** Words that begin a place name, not an agency: "thành phố Tây Ninh", "xã Tân Bình", "Phường 2". */
export const PLACE_HEADS = ["huyen", "thi xa", "thanh pho", "tp", "xa", "phuong", "thi tran", "quan", "ap", "khu pho"];

/** Verbs (and verb phrases) that make the agency before them the actor: "Sở Tư pháp tổ chức …". */
export const ACTION_VERBS = [
  "to chuc", "ban hanh", "quyet dinh", "thong qua", "cap", "cap moi", "trien khai", "cong bo", "trao", "phoi hop", "chu tri",
  "co van ban", "co cong van", "cho biet", "bao cao", "thuc hien", "phat dong", "kiem tra", "tien hanh", "khai mac", "be mac",
  "hop mat", "so ket", "tong ket", "kien nghi", "xay dung", "ky", "ky ket", "phe duyet", "yeu cau", "chi dao", "huong dan",
  "tap huan", "tuyen truyen", "lam viec", "tiep", "tiep don", "don tiep", "gap mat", "ra mat", "phat hanh", "thanh lap", "hop",
  "dang ky", "giai quyet", "ho tro", "tiep nhan", "xu ly", "huy dong", "day manh", "tang cuong", "no luc", "phan dau",
  "hoan thanh", "dau tu", "ke hoach", "de nghi", "de xuat", "lay y kien", "thanh tra", "ra quyet dinh", "chinh thuc",
  "xuc tien", "quang ba", "khoi dong", "khanh thanh", "van dong", "ky niem", "gap go", "dang cai", "mo", "mo lop",
  "boi duong", "dao tao", "phat dong thi dua", "cong nhan", "chap thuan", "thu hoi", "xu phat", "trien lam", "ung dung",
  "van hanh", "dua vao", "thi diem", "ra soat", "sap xep", "sap nhap", "giai the", "co lo trinh", "da co",
  "thong bao", "nghien cuu", "khao sat", "don doc", "tham muu", "lien ket", "hop tac", "giao", "giao cho",
  // English (national papers' English editions)
  "receives", "received", "hosts", "hosted", "organised", "organized", "organises", "organizes", "held", "holds", "issued", "issues",
];

/** Decisions, chairing and instructions of a leader: "Chủ tịch UBND tỉnh … ký / chủ trì / yêu cầu …" credits the leader's body. */
export const LEADER_VERBS = [
  "chu tri", "ky", "ky ban hanh", "ban hanh", "yeu cau", "chi dao", "quyet dinh", "lam viec", "giao", "tiep", "trao", "tang",
  "kiem tra", "de nghi", "dong y", "phe duyet", "cong bo", "ket luan",
  "receives", "received", "chaired", "chairs", "signed", "signs", "hosted", "hosts",
];

/** Heads of a body: their decisions are the body's (see LEADER_VERBS). */
export const HEAD_TITLES = [
  "chu tich", "pho chu tich", "giam doc", "pho giam doc", "chanh thanh tra", "pho chanh thanh tra", "truong ban", "pho truong ban",
  "chairman of the", "vice chairman of the", "chairman of", "vice chairman of",
];

/** Party titles: a leader who also holds one acts for the Party ("Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh chủ trì …"). */
export const PARTY_TITLES = ["bi thu", "pho bi thu", "secretary"];

/** A person's title: the agency after it is named only as part of who someone is. */
export const PERSON_TITLES = [
  ...HEAD_TITLES,
  "thuong truc", "bi thu", "pho bi thu", "chanh van phong", "pho chanh van phong", "uy vien", "tong bien tap", "pho tong bien tap",
  "truong phong", "pho truong phong", "thu truong", "lanh dao", "ban lanh dao", "tap the lanh dao", "dai dien", "dai bieu",
  "can bo", "cong chuc", "vien chuc", "nhan vien", "thanh vien", "chu nhiem", "pho chu nhiem", "tong giam doc", "bao cao vien",
  "cac bao cao vien", "ong", "ba", "secretary of the", "secretary of",
];

/** "nguyên" = former: "nguyên Bí thư Tỉnh ủy". */
export const FORMER = ["nguyen", "former"];

/** A body inside the agency, not the agency: "Đảng ủy Sở Y tế", "Công đoàn Sở …". */
export const INNER_BODIES = ["dang uy", "chi bo", "cong doan", "doan thanh nien", "chi doan", "dang bo", "hoi cuu chien binh", "ban chap hanh", "chi cuc", "thanh tra"];

/** Words before an agency that make it the object (addressee, host, inspected, assigned, owner of someone else's document). */
export const OBJECT_CUES = [
  "gui", "de nghi", "giao", "giao cho", "yeu cau", "chi dao", "voi", "lam viec voi", "tham", "den tham", "tham va lam viec tai",
  "tai", "kiem tra", "thanh tra", "cho", "tang", "khen thuong", "chuc mung", "chuc tet", "truoc", "trinh", "cua", "doi voi",
  "den", "giup", "ho tro", "vao", "thuoc", "tu", "truc thuoc", "tham du", "du", "gap", "tiep", "tiep xuc", "xin y kien",
  "ve viec", "bau", "bau cu", "ung cu", "ung vien", "ket qua bau cu", "danh gia", "xep hang", "hoi dong thi dua", "phoi hop voi",
  "va", "cung", "dung dau la", "dan dau la", "tham muu", "tham muu cho", "hoi truong", "tru so", "dia diem", "khuon vien", "visit", "visited", "to", "with",
];

/** Words after an agency that make it ranked or awarded, not acting. */
export const RANKED_CUES = [
  "xep hang", "xep thu", "dung dau", "dan dau", "dung thu", "dat giai", "doat giai", "nhan giai", "duoc khen", "duoc tang",
  "don nhan", "nhan bang khen", "dat loai", "dat diem", "dat danh hieu", "dat chuan", "duoc cong nhan", "duoc trao", "duoc xep", "duoc bau", "duoc kien toan", "bi", "ranked",
];

/** Before an agency: what follows is its own report ("Theo Sở X", "Theo thông tin từ Sở X"). */
export const SOURCE_BEFORE = ["theo", "theo thong tin tu", "theo bao cao cua", "thong tin tu", "bao cao cua", "nguon", "according to"];
/** After an agency: its own report ("Sở X cho biết"). */
export const SOURCE_AFTER = ["cho biet", "thong tin", "bao cao cho biet", "vua cho biet", "cung cho biet", "said"];

/** Before an agency: it organised ("do Sở X tổ chức", "Cuộc thi do Sở … chủ trì"). */
export const ORGANISER_BEFORE = ["do", "duoc to chuc boi", "organised by", "organized by"];
/** The verbs of organising after "do X" ("nhiệm vụ do UBND tỉnh giao" is an assignment, not an event X organises). */
export const ORGANISER_VERBS = ["to chuc", "chu tri", "phat dong", "dang cai", "khoi xuong", "phoi hop to chuc", "phoi hop", "trien khai", "thuc hien", "bien soan", "xuat ban", "organised", "organized"];

/** Before an agency: its delegation acts ("đoàn công tác của UBND tỉnh … làm việc với huyện"). */
export const DELEGATION_BEFORE = ["doan cong tac cua", "doan cong tac", "doan kiem tra cua", "doan giam sat cua", "doan khao sat cua", "to cong tac cua"];

/** Before the council: its own session ("Kỳ họp thứ 4 HĐND tỉnh"). */
export const SESSION_BEFORE = ["ky hop", "phien hop", "hoi nghi", "hop mat", "dai hoi"];

/** Words allowed between an agency and its verb ("Sở X tỉnh Tây Ninh vừa tổ chức", "HĐND tỉnh khóa X đã thông qua"). */
export const BETWEEN = new Set([
  "tinh", "khoa", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "da", "vua", "cung", "dang", "se", "tiep", "tuc",
  "moi", "day", "nhieu", "lan", "thu", "nam", "nay", "hom", "tinh", "ngay", "thang", "sang", "chieu", "toi", "trua", "tai", "hoi", "truong",
  "lien", "ke", "luon", "thuong", "xuyen", "cac", "tu", "dau", "vao", "chinh", "thuc", "kip", "thoi", "nhanh", "chong", "manh", "me",
  "the", "has", "have", "had", "recently", "on",
]);

/** Marks of the merged province (after 2025-07-01): an undated page with them is from after the merger. */
export const POST_MERGER_CUES = ["sau sap nhap", "sau hop nhat", "tay ninh moi", "96 xa phuong", "xa phuong moi", "chinh quyen dia phuong 2 cap", "chinh quyen 2 cap"];

/** Provinces and centrally-run cities of Việt Nam (names before and after 2025, folded). */
export const PROVINCES = [
  "an giang", "ba ria vung tau", "bac giang", "bac kan", "bac lieu", "bac ninh", "ben tre", "binh dinh", "binh duong", "binh phuoc",
  "binh thuan", "ca mau", "can tho", "cao bang", "da nang", "dak lak", "dak nong", "dien bien", "dong nai", "dong thap", "gia lai",
  "ha giang", "ha nam", "ha noi", "ha tinh", "hai duong", "hai phong", "hau giang", "hoa binh", "hung yen", "khanh hoa", "kien giang",
  "kon tum", "lai chau", "lam dong", "lang son", "lao cai", "long an", "nam dinh", "nghe an", "ninh binh", "ninh thuan", "phu tho",
  "phu yen", "quang binh", "quang nam", "quang ngai", "quang ninh", "quang tri", "soc trang", "son la", "tay ninh", "thai binh",
  "thai nguyen", "thanh hoa", "thua thien hue", "hue", "tien giang", "tra vinh", "tuyen quang", "vinh long", "vinh phuc", "yen bai",
  "ho chi minh", "tp hcm", "tphcm", "hcm",
];

/**
 * Heads of bodies the registry does not hold as actors (police, Front, Party and youth unions,
 * associations, ministries, the Government, companies, schools): when the title's subject is one
 * of them, a registered agency needs evidence of its own in the title, byline or a source line.
 */
export const OUTSIDER_HEADS = [
  "cong an", "tinh doan", "doan thanh nien", "uy ban mat tran", "uy ban mttq", "ubmttq", "ub mttq", "ub mttqvn", "mttq", "mat tran to quoc",
  "hoi doanh nghiep", "hoi doanh nhan", "hoi nong dan", "hoi lien hiep phu nu", "hoi phu nu", "hoi cuu chien binh", "hoi nha bao",
  "hoi chu thap do", "hoi van hoc nghe thuat", "hoi luat gia", "hoi khuyen hoc", "hoi nguoi cao tuoi", "lien doan lao dong",
  "bo truong", "thu truong", "thu tuong", "pho thu tuong", "chinh phu", "quoc hoi", "cuc quan ly", "cuc thue", "cuc hai quan",
  "cuc thong ke", "tong cuc", "chi cuc", "bo chi huy quan su", "bo doi bien phong", "bo chi huy bo doi bien phong", "ngan hang",
  "cong ty", "tap doan", "tong cong ty", "buu dien", "dien luc", "truong thpt", "truong thcs", "truong tieu hoc", "truong dai hoc",
  "truong cao dang", "benh vien", "toa an", "vien kiem sat", "kiem toan nha nuoc", "bao hiem xa hoi", "kho bac",
  "dai hoi dang bo", "dang bo", "dang uy", "huyen uy", "thanh uy", "thi uy",
];

/** Event nouns that a title names with its owner after them ("Đại hội Hội Doanh nghiệp", "Hội nghị Đảng ủy …"). */
export const EVENT_NOUNS = ["dai hoi", "hoi nghi", "le ky niem", "le", "ky hop", "phien hop", "hop mat", "gap mat"];
