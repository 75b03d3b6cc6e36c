// A closed native <select> shows its chosen option on one line, cut at the control's width, so a
// long choice (a target's wording and its clause) cannot be read. `withChosenText(form)` adds the
// chosen option's full text under the control, wrapping at the width of the filter's column, kept
// in step on every change (mouse, keyboard, a value from the URL). The control stays the native,
// keyboard-usable select; its own value is what assistive technology reads, so the added text is
// only visual (aria-hidden) and repeats it in the select's title for a pointer hover.
import {html} from "npm:htl";

/** Add the full text of `form`'s chosen option under its <select> (an Inputs.select form); returns the form. */
export function withChosenText(form) {
  const select = form.querySelector("select");
  if (!select) return form;
  const shown = html`<div class="chosen-text" aria-hidden="true"></div>`;
  const update = () => {
    const text = select.selectedOptions[0]?.textContent ?? "";
    shown.textContent = text;
    select.title = text;
  };
  form.classList.add("with-chosen-text");
  form.append(shown);
  select.addEventListener("input", update);
  select.addEventListener("change", update);
  update();
  return form;
}
