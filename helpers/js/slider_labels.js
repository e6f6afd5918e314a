// ipywidgets draws a slider with noUiSlider, whose handle (the part a keyboard moves) has no
// name: a screen reader says "slider, 3", not "Status quo: engagement, slider, 3". This widget
// sits, hidden, in a box of controls and names each slider's handle after the slider's visible
// description, once the box is on the page and whenever a slider in it is drawn again.
function label(box) {
  for (const slider of box.querySelectorAll(".widget-slider")) {
    const text = (slider.querySelector(".widget-label")?.textContent || "").trim();
    const handle = slider.querySelector(".noUi-handle");
    if (text && handle && handle.getAttribute("aria-label") !== text) handle.setAttribute("aria-label", text);
  }
}

async function render({ el }) {
  for (let i = 0; i < 600 && !el.parentElement; i++) {
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
  const box = el.parentElement;
  if (!box) return;
  label(box);
  const watcher = new MutationObserver(() => label(box));  // attributes are not watched: no loop
  watcher.observe(box, { childList: true, subtree: true });
  return () => watcher.disconnect();
}

export default { render };
