import { CLASS_STYLES } from '../signals/classes.js';
import { type MapValue, styleOf } from '../signals/legend.js';

/** Fills shared by the map (lazy, with d3-geo) and its legend (eager, no d3). */

const PATTERN_SIZE = 6;

/** SVG patterns per class (`<prefix>-<class>`), shared by the map and its legend. */
export function PatternDefs({ prefix, only }: { prefix: string; only?: MapValue }) {
  return (
    <defs>
      {Object.entries(CLASS_STYLES)
        .filter(([value]) => !only || value === only)
        .map(([value, style]) => (
          <pattern
            key={value}
            id={`${prefix}-${value}`}
            patternUnits="userSpaceOnUse"
            width={PATTERN_SIZE}
            height={PATTERN_SIZE}
            patternTransform={style.pattern === 'diagonal' ? 'rotate(45)' : undefined}
          >
            <rect width={PATTERN_SIZE} height={PATTERN_SIZE} fill={style.fill} />
            {style.pattern === 'diagonal' && (
              <line x1="0" y1="0" x2="0" y2={PATTERN_SIZE} stroke={style.stroke} strokeWidth="1.6" />
            )}
            {style.pattern === 'dots' && (
              <circle cx={PATTERN_SIZE / 2} cy={PATTERN_SIZE / 2} r="1.1" fill={style.stroke} />
            )}
            {style.pattern === 'cross' && (
              <path
                d={`M0 0L${PATTERN_SIZE} ${PATTERN_SIZE}M${PATTERN_SIZE} 0L0 ${PATTERN_SIZE}`}
                stroke={style.stroke}
                strokeWidth="0.9"
              />
            )}
            {style.pattern === 'none' && (
              <path
                d={`M0 ${PATTERN_SIZE}L${PATTERN_SIZE} 0`}
                stroke={style.stroke}
                strokeWidth="0.5"
                opacity="0.6"
              />
            )}
          </pattern>
        ))}
    </defs>
  );
}

/** The fill of a region: its class pattern, or white for no data. */
export function regionFill(prefix: string, value: MapValue): string {
  if (value === 'none') return styleOf('none').fill;
  return CLASS_STYLES[value].pattern === 'solid' ? CLASS_STYLES[value].fill : `url(#${prefix}-${value})`;
}

/** A legend swatch: the same fill and icon as the map, with its own pattern definitions. */
export function LegendSwatch({ value }: { value: MapValue }) {
  const prefix = 'legend';
  const style = styleOf(value);
  return (
    <svg
      className="legend-swatch"
      viewBox="0 0 32 22"
      style={{ borderColor: style.stroke }}
      aria-hidden="true"
    >
      <PatternDefs prefix={`${prefix}-${value}`} only={value} />
      <rect width="32" height="22" fill={regionFill(`${prefix}-${value}`, value)} />
      <text
        x="16"
        y="11"
        textAnchor="middle"
        dominantBaseline="central"
        fontSize="12"
        fontWeight="700"
        fill={style.text}
      >
        {style.icon}
      </text>
    </svg>
  );
}
