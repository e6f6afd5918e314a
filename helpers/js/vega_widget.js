// A Vega-Lite chart as a Jupyter widget. Bundled offline with vega-embed by vl-convert
// (helpers/vega.py), so no import lines: vegaEmbed is in scope.
// The kernel sends the spec once; a control then changes only a param (a Vega signal) or
// replaces the rows of a named dataset, and the browser redraws: no pixels cross the wire.
async function render({ model, el }) {
  const box = document.createElement("div");
  el.classList.add("balkans-vega");
  el.appendChild(box);
  let result = null;

  function describe() {
    // The chart is one image for assistive technology; its text is the sentence the kernel wrote.
    box.setAttribute("role", "img");
    box.setAttribute("aria-label", model.get("description"));
  }

  async function applyState() {
    if (result === null) return;
    const view = result.view;
    for (const [name, value] of Object.entries(model.get("params") || {})) {
      view.signal(name, value);
    }
    for (const [name, rows] of Object.entries(model.get("datasets") || {})) {
      view.data(name, structuredClone(rows));  // replaces every row of the named dataset
    }
    await view.runAsync();
    describe();
    // Tests and benchmarks wait for this: the revision the kernel sent is now drawn.
    el.dataset.revision = String(model.get("revision"));
    if (el.dataset.revision === el.dataset.pending) delete el.dataset.pending;
  }

  async function fittedWidth() {
    // A chart as wide as the output area: measured once the widget is on the page (it may not be yet
    // when render() runs, and a width measured then is 0, which draws nothing).
    for (let i = 0; i < 120 && (!el.isConnected || el.clientWidth === 0); i++) {
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
    return Math.max(320, Math.min(960, (el.clientWidth || 790) - 30));
  }

  async function embed() {
    if (result !== null) result.finalize();
    const spec = structuredClone(model.get("spec"));
    if (spec.width === "container") spec.width = await fittedWidth();
    try {
      // SVG keeps text readable by tests; a world map redraws several times faster on a canvas.
      result = await vegaEmbed(box, spec, { actions: false, renderer: model.get("renderer") });
    } catch (error) {
      box.textContent = "This chart could not be drawn: " + error.message;
      return;
    }
    await applyState();
  }

  // One redraw at a time, in the order the kernel sent them; a failure is shown, not swallowed.
  let queue = Promise.resolve();
  const later = (job) => {
    queue = queue.then(job).catch((error) => {
      console.error("balkans chart:", error);
      el.dataset.error = String(error && error.message);
    });
  };
  model.on("change:spec", () => later(embed));
  model.on("change:revision", () => {
    el.dataset.pending = String(model.get("revision"));  // set at once: "a redraw is on its way"
    later(applyState);
  });
  model.on("change:description", describe);
  later(embed);
  return () => { if (result !== null) result.finalize(); };
}

export default { render };
