// bench/ratios.svg: one horizontal bar per comparison, on a log scale centred on 1 (Skein
// and the other equal); bars to the right (green) mean Skein is better, to the left (red)
// worse. Plain SVG text, no dependency.

const WIDTH = 960;
const LABEL_WIDTH = 430;
const ROW_HEIGHT = 22;
const TOP = 56;
const LIMIT = 64; // the axis spans 1/64 .. 64; longer bars are clipped and say so

const r1 = (v) => Math.round(v * 10) / 10;
const escape = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export function ratiosSvg(items, title) {
  const plotWidth = WIDTH - LABEL_WIDTH - 70;
  const centre = LABEL_WIDTH + plotWidth / 2;
  const perDoubling = plotWidth / 2 / Math.log2(LIMIT);
  const x = (r) =>
    centre + Math.max(-1, Math.min(1, Math.log2(r) / Math.log2(LIMIT))) * (plotWidth / 2);
  const height = TOP + items.length * ROW_HEIGHT + 40;
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="10" y="20" font-size="15" font-weight="bold">${escape(title)}</text>`,
    `<text x="10" y="38" fill="#555">Skein compared with each peer or limit (log scale): right of 1 (green) Skein is better, left (red) worse.</text>`,
  ];
  for (let d = -Math.log2(LIMIT); d <= Math.log2(LIMIT); d += 2) {
    const gx = r1(centre + d * perDoubling);
    const label = d >= 0 ? `${2 ** d}×` : `1/${2 ** -d}`;
    out.push(
      `<line x1="${gx}" y1="${TOP - 6}" x2="${gx}" y2="${height - 30}" stroke="${d === 0 ? "#000" : "#ddd"}"/>`,
    );
    out.push(`<text x="${gx}" y="${height - 14}" text-anchor="middle" fill="#555">${label}</text>`);
  }
  items.forEach(({ label, ratio }, i) => {
    const y = TOP + i * ROW_HEIGHT;
    out.push(
      `<text x="${LABEL_WIDTH - 8}" y="${y + 14}" text-anchor="end">${escape(label)}</text>`,
    );
    if (ratio === null) {
      out.push(`<text x="${centre + 6}" y="${y + 14}" fill="#555">not measured</text>`);
      return;
    }
    const end = x(ratio);
    const [left, right] = end >= centre ? [centre, end] : [end, centre];
    const colour = ratio >= 1 ? "#2e7d32" : "#c62828";
    out.push(
      `<rect x="${left}" y="${y + 3}" width="${r1(Math.max(1, right - left))}" height="${ROW_HEIGHT - 6}" fill="${colour}"/>`,
    );
    const text = `${ratio >= 10 ? ratio.toFixed(0) : ratio.toFixed(2)}×${Math.abs(Math.log2(ratio)) > Math.log2(LIMIT) ? " (clipped)" : ""}`;
    // Worse-than-1 ratios print right of the 1 line, so long red bars never hide labels.
    const tx = ratio >= 1 ? right + 4 : centre + 4;
    out.push(`<text x="${tx}" y="${y + 14}">${text}</text>`);
  });
  out.push("</svg>");
  return out.join("\n") + "\n";
}
