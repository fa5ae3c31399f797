// Vietnamese for Streamlit's own strings (it has no translation of its own): text and tooltips
// are rewritten as they appear, by one observer on the page. Installed once per browser tab.
(function () {
  const doc = document;
  const win = window;
  if (win.__chiboVi) return;

  const EXACT = {
    "Chat message from user": "Câu hỏi",
    "Chat message from assistant": "Câu trả lời của trợ lý",
    "Skip to main content": "Chuyển tới nội dung chính",
    "Upload": "Chọn tệp",
    "Upload directories": "Chọn thư mục",
    "Browse files": "Chọn tệp",
    "Drag and drop files here": "Kéo thả tệp vào đây",
    "Drag and drop a file here": "Kéo thả tệp vào đây",
    "Drag and drop directories here": "Kéo thả thư mục vào đây",
    "Add files": "Thêm tệp",
    "Remove file": "Bỏ tệp này",
    "Delete": "Xoá",
    "Stop": "Dừng",
    "Stop script": "Dừng",
    "Running...": "Đang chạy…",
    "Running…": "Đang chạy…",
    "Rerun": "Chạy lại",
    "Always rerun": "Luôn chạy lại",
    "Close": "Đóng",
    "Open": "Mở",
    "Cancel": "Huỷ",
    "Expand sidebar": "Mở danh sách trang",
    "Collapse sidebar": "Thu gọn danh sách trang",
    "Sidebar": "Danh sách trang",
    "App pages": "Các trang",
    "Navigate to home page": "Về trang đầu",
    "Main menu": "Trình đơn",
    "Notifications": "Thông báo",
    "Send message": "Gửi câu hỏi",
    "Show password": "Hiện mật khẩu",
    "Hide password": "Ẩn mật khẩu",
    "Feedback rating": "Đánh giá câu trả lời",
    "Download as CSV": "Tải về bảng tính (CSV)",
    "Search": "Tìm trong bảng",
    "Close Search": "Đóng ô tìm",
    "Fullscreen": "Phóng to",
    "View fullscreen": "Phóng to",
    "Close fullscreen": "Thu nhỏ",
    "Exit fullscreen": "Thu nhỏ",
    "Toggle fullscreen": "Phóng to / thu nhỏ",
    "Show/hide columns": "Ẩn / hiện cột",
    "Copy to clipboard": "Chép",
    "Copy column name": "Chép tên cột",
    "Dataframe column menu": "Tuỳ chọn cột",
    "Sort ascending": "Xếp tăng dần",
    "Sort descending": "Xếp giảm dần",
    "Pin column": "Ghim cột",
    "Unpin column": "Bỏ ghim cột",
    "Hide column": "Ẩn cột",
    "Autosize": "Tự chỉnh độ rộng",
    "Format": "Định dạng",
    "Clear all": "Bỏ chọn hết",
    "Clear value": "Bỏ lựa chọn",
    "Clear selection": "Bỏ chọn",
    "Select all": "Chọn hết",
    "Selected values": "Đã chọn",
    "Select...": "Chọn…",
    "Choose an option": "Chọn…",
    "Choose options": "Chọn…",
    "No results": "Không có kết quả",
    "No options to select": "Không có lựa chọn",
    "Link to heading": "Liên kết tới mục này",
    "Increment": "Tăng",
    "Decrement": "Giảm",
    "Previous page": "Trang trước",
    "Next page": "Trang sau",
    "Show more": "Xem thêm",
    "Show less": "Thu gọn",
    "Loading...": "Đang tải…",
    "Connecting": "Đang kết nối",
    "Please wait...": "Vui lòng chờ…",
    "Markdown content": "Nội dung",
    "Button action menu": "Tuỳ chọn",
    "Scroll tabs left": "Cuộn sang trái",
    "Scroll tabs right": "Cuộn sang phải",
    "Thumbs up": "Hữu ích",
    "Thumbs down": "Chưa hữu ích",
    "Pagination": "Chuyển trang",
    "Ok": "Đồng ý",
    "Empty": "Trống",
    "No options": "Không có lựa chọn",
    "No data": "Không có dữ liệu",
    "No content": "Không có nội dung",
    "Add row": "Thêm dòng",
    "Delete row(s)": "Xoá dòng",
    "Hide column": "Ẩn cột",
    "Next Result": "Kết quả sau",
    "Previous Result": "Kết quả trước",
    "Cancel (Escape)": "Huỷ (Esc)",
    "Don't show again": "Không hiện lại",
    "Continue anyway": "Vẫn tiếp tục",
    "Audio player": "Trình phát âm thanh",
    "Video player": "Trình phát video",
    "Dismiss": "Đóng",
    "Suggestions": "Gợi ý",
    "Show suggestions": "Hiện gợi ý",
    "selected": "đã chọn",
    "progress": "Tiến độ",
  };
  const PATTERNS = [
    [/^Press Enter to apply$/, "Nhấn phím Enter để áp dụng"],
    [/^Press Enter to submit form$/, "Nhấn phím Enter để gửi"],
    [/^Press (?:⌘|Ctrl)\+Enter to apply$/, "Nhấn Ctrl + Enter để áp dụng"],
    [/^Press (?:⌘|Ctrl)\+Enter to submit form$/, "Nhấn Ctrl + Enter để gửi"],
    [/^Press (?:⌘|Ctrl)\+Enter to (.*)$/, "Nhấn Ctrl + Enter"],
    [/^Press Enter to (.*)$/, "Nhấn phím Enter"],
    [/^([\d.,]+)\s*(KB|MB|GB) per file$/, (m) => `Tối đa ${m[1].replace(/\.0$/, "")} ${m[2]} mỗi tệp`],
    [/^Limit ([\d.,]+)\s*(KB|MB|GB) per file(.*)$/, (m) => `Tối đa ${m[1].replace(/\.0$/, "")} ${m[2]} mỗi tệp${m[3]}`],
    [/^(.*) files are not allowed\.?$/, "Loại tệp này chưa được nhận."],
    [/^File must be ([\d.,]+)\s*(KB|MB|GB) or smaller\.?$/, (m) => `Tệp phải nhỏ hơn ${m[1].replace(/\.0$/, "")} ${m[2]}.`],
    [/^Only one file is allowed\.?$/, "Mỗi lần chỉ chọn một tệp."],
    [/^Cancel upload of (.+)$/, (m) => `Huỷ tải lên ${m[1]}`],
    [/^Click to retry upload$/, "Bấm để tải lên lại"],
    [/^Upload failed$/, "Tải lên không được"],
    [/^Unexpected error\. Please try again\.$/, "Có lỗi bất ngờ. Hãy thử lại."],
    [/^Too many files$/, "Quá nhiều tệp"],
    [/^File is larger than (.+)$/, (m) => `Tệp lớn hơn ${m[1]}`],
    [/^File type must be .*$/, "Loại tệp này chưa được nhận."],
    [/^File type not allowed\.?$/, "Loại tệp này chưa được nhận."],
    [/^Error: (.*)$/, (m) => `Lỗi: ${m[1]}`],
    [/^Rating (\d+)$/, (m) => `Mức ${m[1]}`],
    [/^Attempting to connect to (.*)$/, "Đang kết nối tới máy chủ…"],
    [/^Connecting to Streamlit server$/, "Đang kết nối tới máy chủ…"],
    [/^Connection (error|failed.*|timed out.*|closed)$/, "Mất kết nối tới máy chủ"],
    [/^(\d+) options? available\.?$/, (m) => `Có ${m[1]} lựa chọn.`],
    [/^(.+), selected$/, (m) => `${m[1]}, đã chọn`],
    [/^Entered group (.+), with (\d+) options?\.?\s*(.*)$/, (m) => `Nhóm ${m[1]}, ${m[2]} lựa chọn. ${m[3]}`],
    [/^add icon$/, "Thêm tệp"],
    [/^[a-z_]+ icon$/, "Biểu tượng"],
    [/^Remove (.+)$/, (m) => `Bỏ tệp ${m[1]}`],
    [/^Delete (.+)$/, (m) => `Xoá ${m[1]}`],
    [/^Help for (.+)$/, (m) => `Giải thích: ${m[1]}`],
    [/^Show (\d+) more$/, (m) => `Xem thêm ${m[1]}`],
    [/^View (\d+) more$/, (m) => `Xem thêm ${m[1]}`],
    [/^Page (\d+) of (\d+)$/, (m) => `Trang ${m[1]}/${m[2]}`],
    [/^Showing page (\d+) of (\d+)$/, (m) => `Trang ${m[1]}/${m[2]}`],
    [/^(\d+) rows?$/, (m) => `${m[1]} dòng`],
  ];
  const ATTRS = ["aria-label", "title", "placeholder", "alt", "data-title"];
  // Icon ligatures ("upload", "close") are drawn as glyphs: never rewrite them.
  const SKIP = '[data-testid="stIconMaterial"], [data-testid$="DynamicIcon"], [translate="no"], script, style, code, pre';

  function translate(text) {
    if (!text) return null;
    const trimmed = text.trim();
    if (!trimmed || !/[A-Za-z]/.test(trimmed)) return null;
    if (Object.prototype.hasOwnProperty.call(EXACT, trimmed)) return text.replace(trimmed, EXACT[trimmed]);
    for (const [re, to] of PATTERNS) {
      const m = trimmed.match(re);
      if (m) return text.replace(trimmed, typeof to === "function" ? to(m) : to);
    }
    return null;
  }

  function fixText(node) {
    const parent = node.parentElement;
    if (!parent || parent.closest(SKIP)) return;
    // Our own Markdown (answers, document text) is never touched; Streamlit's button labels are.
    if (parent.closest('[data-testid="stMarkdownContainer"]') && !parent.closest("button")) return;
    const to = translate(node.nodeValue);
    if (to !== null && to !== node.nodeValue) node.nodeValue = to;
  }

  function fixAttrs(el) {
    // Document text never becomes attributes (it is escaped), so every tooltip is Streamlit's or ours.
    for (const a of ATTRS) {
      const v = el.getAttribute && el.getAttribute(a);
      if (v) {
        const to = translate(v);
        if (to !== null && to !== v) el.setAttribute(a, to);
      }
    }
  }

  function fixTree(root) {
    if (root.nodeType === Node.TEXT_NODE) return fixText(root);
    if (root.nodeType !== Node.ELEMENT_NODE) return;
    fixAttrs(root);
    const walker = doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    let n = walker.nextNode();
    while (n) {
      if (n.nodeType === Node.TEXT_NODE) fixText(n);
      else fixAttrs(n);
      n = walker.nextNode();
    }
  }

  // A chat page sticks to its bottom as content grows; before the first question that hides the
  // page title on a phone. Until the person scrolls or a chat message exists, keep the top in view.
  let userScrolled = false;
  for (const ev of ["wheel", "touchmove", "keydown", "pointerdown"]) {
    win.addEventListener(ev, () => { userScrolled = true; }, { passive: true, capture: true });
  }
  function keepTop() {
    if (userScrolled || doc.querySelector('[data-testid="stChatMessage"]')) return;
    const box = doc.querySelector('[data-testid="stAppScrollToBottomContainer"]');
    if (box && box.scrollTop > 0) box.scrollTop = 0;
  }
  doc.addEventListener("scroll", keepTop, { capture: true, passive: true });

  const observer = new MutationObserver((records) => {
    requestAnimationFrame(keepTop);
    for (const r of records) {
      if (r.type === "characterData") fixText(r.target);
      else if (r.type === "attributes") fixAttrs(r.target);
      else for (const n of r.addedNodes) fixTree(n);
    }
  });
  observer.observe(doc.body, {
    subtree: true,
    childList: true,
    characterData: true,
    attributes: true,
    attributeFilter: ATTRS,
  });
  fixTree(doc.body);
  doc.documentElement.setAttribute("lang", "vi");
  win.__chiboVi = { translate, observer };
})();
