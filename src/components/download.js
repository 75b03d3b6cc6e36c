// A keyboard-usable download button: <button> that builds a file on click and saves it.

/** make() → Promise<{data, type}> (or the plain object); the file is saved as `filename`. */
export function downloadButton(label, filename, make) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "download-button";
  button.textContent = label;
  button.addEventListener("click", async () => {
    button.disabled = true;
    try {
      const {data, type} = await make();
      const url = URL.createObjectURL(new Blob([data], {type}));
      const a = document.createElement("a");
      a.href = url;
      a.download = filename;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    } finally {
      button.disabled = false;
    }
  });
  return button;
}
