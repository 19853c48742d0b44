import { useQueries, useQuery } from '@tanstack/react-query';
import { type KeyboardEvent, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  candidateDetail,
  moveActive,
  type OccupationCandidateJson,
  occupationSearchQuery,
  pickerQueryText,
} from './occupation-picker-helpers.js';
import '../signals/signals.css';
import './occupation-picker.css';

export interface OccupationPickerProps {
  /** The chosen SSYK-4 codes (controlled). Labels are looked up by the picker. */
  value: readonly string[];
  onChange: (codes: string[]) => void;
  /** Form field name: one hidden input per chosen code, and the id prefix. */
  name: string;
  /** Visible label; default "Yrken" / "Occupations". */
  label?: string;
  /** Help under the label; default explains names, synonyms and codes. */
  help?: string;
  /** At most this many occupations (default: no limit). */
  max?: number;
  required?: boolean;
  /** A validation message from the form; marks the field invalid and is read with it. */
  error?: string;
  disabled?: boolean;
}

/** Waits this long after the last keystroke before searching (fewer requests while typing fast). */
const DEBOUNCE_MS = 150;

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/**
 * Choose one or more occupations (SSYK-4) by searching JobTech occupation names, their synonyms, SSYK labels or
 * codes (GET /api/occupations/search). WAI-ARIA 1.2 editable combobox with a multi-select listbox: type to search,
 * ↓/↑ (Home/End) move through the options, Enter adds or removes the active one, Escape closes the list (again:
 * clears the text). Chosen occupations are chips with a remove button named after the occupation; additions,
 * removals and the number of results are announced politely.
 */
export function OccupationPicker(props: OccupationPickerProps) {
  const { value, onChange, name, max, required, error, disabled } = props;
  const { t } = useTranslation();
  const id = `${name}-${useId()}`;
  const inputId = `${id}-input`;
  const listId = `${id}-list`;
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  const chipsId = `${id}-chips`;
  const label = props.label ?? t('occupationPicker.label');
  const help = props.help ?? t('occupationPicker.help');

  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [announcement, setAnnouncement] = useState('');
  // Enter pressed before the answer for the typed text arrived: acted on when it arrives.
  const [pendingEnter, setPendingEnter] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLDivElement>(null);
  // Labels of codes seen in results, so chips can show them without asking again.
  const [known, setKnown] = useState<ReadonlyMap<string, string>>(new Map());

  const query = useDebounced(pickerQueryText(text), DEBOUNCE_MS);
  const search = useQuery({ ...occupationSearchQuery(query), enabled: open && query !== '' && !disabled });
  const options: OccupationCandidateJson[] = open && query !== '' ? (search.data?.results ?? []) : [];
  // The list may still show the answer for earlier keystrokes (kept to avoid flicker): Enter acts only on an answer
  // for exactly what is in the field, so it can never pick a stale option.
  const fresh = search.data?.query === pickerQueryText(text) && !search.isPlaceholderData;
  const activeOption = fresh && active >= 0 ? options[active] : undefined;

  // Codes chosen elsewhere (a saved form) whose label this picker has not seen: a code search gives the label.
  const unknownCodes = value.filter((code) => !known.has(code));
  const lookups = useQueries({
    queries: unknownCodes.map((code) => ({ ...occupationSearchQuery(code, 1), placeholderData: undefined })),
  });
  const labelOf = (code: string): string => {
    const fromKnown = known.get(code);
    if (fromKnown) return fromKnown;
    const found = lookups[unknownCodes.indexOf(code)]?.data?.results.find((r) => r.ssyk === code);
    return found?.label ?? code;
  };

  useEffect(() => {
    const results = search.data?.results;
    if (!results || results.length === 0) return;
    setKnown((previous) => {
      if (results.every((r) => previous.get(r.ssyk) === r.label)) return previous;
      const next = new Map(previous);
      for (const r of results) next.set(r.ssyk, r.label);
      return next;
    });
  }, [search.data]);

  // A new answer: the first option becomes active, so Enter takes the best match.
  const results = search.data?.results;
  useEffect(() => {
    setActive(results && results.length > 0 ? 0 : -1);
  }, [results]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the awaited answer arrives, not when toggle's identity changes.
  useEffect(() => {
    if (!pendingEnter || !fresh) return;
    setPendingEnter(false);
    const best = options[0];
    if (best) toggle(best);
  }, [pendingEnter, fresh]);

  useEffect(() => {
    if (!activeOption) return;
    document.getElementById(`${listId}-${activeOption.ssyk}`)?.scrollIntoView({ block: 'nearest' });
  }, [activeOption, listId]);

  const full = max !== undefined && value.length >= max;

  const toggle = (candidate: OccupationCandidateJson): void => {
    setKnown((previous) => new Map(previous).set(candidate.ssyk, candidate.label));
    if (value.includes(candidate.ssyk)) {
      onChange(value.filter((code) => code !== candidate.ssyk));
      setAnnouncement(t('occupationPicker.removed', { label: candidate.label, ssyk: candidate.ssyk }));
      return;
    }
    if (full) {
      setAnnouncement(t('occupationPicker.full', { count: max }));
      return;
    }
    onChange([...value, candidate.ssyk]);
    setAnnouncement(t('occupationPicker.added', { label: candidate.label, ssyk: candidate.ssyk }));
    setText('');
    setOpen(false);
  };

  const remove = (code: string): void => {
    const index = value.indexOf(code);
    onChange(value.filter((c) => c !== code));
    setAnnouncement(t('occupationPicker.removed', { label: labelOf(code), ssyk: code }));
    // Focus moves to the next chip's button, or back to the input: never lost on the removed button.
    requestAnimationFrame(() => {
      const buttons = document.querySelectorAll<HTMLButtonElement>(`#${CSS.escape(chipsId)} button`);
      (buttons[Math.min(index, buttons.length - 1)] ?? inputRef.current)?.focus();
    });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp':
        event.preventDefault();
        if (!open) setOpen(true);
        else setActive((a) => moveActive(a, event.key as 'ArrowDown' | 'ArrowUp', options.length));
        break;
      case 'Home':
      case 'End':
        if (open && options.length > 0 && event.ctrlKey) {
          event.preventDefault();
          setActive((a) => moveActive(a, event.key as 'Home' | 'End', options.length));
        }
        break;
      case 'Enter':
        // Never submits the surrounding form while a search is typed (the answer may still be on its way).
        if (open && pickerQueryText(text) !== '') {
          event.preventDefault();
          if (activeOption) toggle(activeOption);
          else setPendingEnter(true);
        }
        break;
      case 'Escape':
        if (open && options.length > 0) {
          event.preventDefault();
          setOpen(false);
        } else if (text !== '') {
          event.preventDefault();
          setText('');
        }
        break;
      case 'Tab':
        setOpen(false);
        break;
      default:
        break;
    }
  };

  const expanded = open && options.length > 0;
  const searching = open && query !== '' && search.isFetching;
  const status = useMemo(() => {
    if (!open || query === '') return '';
    if (search.isError) return t('occupationPicker.failed');
    if (!search.data) return searching ? t('occupationPicker.searching') : '';
    return search.data.results.length > 0
      ? t('occupationPicker.results', { count: search.data.results.length })
      : t('occupationPicker.noMatch', { query });
  }, [open, query, search.isError, search.data, searching, t]);

  const describedBy = [help ? helpId : null, error ? errorId : null, value.length > 0 ? chipsId : null]
    .filter(Boolean)
    .join(' ');

  return (
    <div className="control occupation-picker">
      <label htmlFor={inputId}>
        {label}
        {required && <span aria-hidden="true"> *</span>}
      </label>
      {help && (
        <p id={helpId} className="control-help">
          {help}
        </p>
      )}
      {value.length > 0 && (
        <ul id={chipsId} className="occupation-chips" aria-label={t('occupationPicker.selected')}>
          {value.map((code) => {
            const chipLabel = labelOf(code);
            return (
              <li key={code} className="occupation-chip">
                <span>
                  {chipLabel} <span className="option-meta">{code}</span>
                </span>
                <button
                  type="button"
                  className="occupation-chip-remove"
                  aria-label={t('occupationPicker.remove', { label: chipLabel, ssyk: code })}
                  disabled={disabled}
                  onClick={() => remove(code)}
                >
                  <span aria-hidden="true">×</span>
                </button>
                <input type="hidden" name={name} value={code} />
              </li>
            );
          })}
        </ul>
      )}
      <div className="combobox">
        <input
          ref={inputRef}
          id={inputId}
          type="text"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listId}
          aria-activedescendant={expanded && activeOption ? `${listId}-${activeOption.ssyk}` : undefined}
          aria-describedby={describedBy || undefined}
          aria-invalid={error ? true : undefined}
          aria-required={required ? true : undefined}
          autoComplete="off"
          spellCheck={false}
          enterKeyHint="search"
          placeholder={t('occupationPicker.placeholder')}
          value={text}
          disabled={disabled}
          onChange={(event) => {
            setText(event.target.value);
            setOpen(true);
            setAnnouncement('');
            setPendingEnter(false);
          }}
          onClick={() => setOpen(true)}
          onBlur={(event) => {
            // Keep the list open while the pointer chooses an option in it.
            if (listRef.current?.contains(event.relatedTarget as Node | null)) return;
            setOpen(false);
          }}
          onKeyDown={onKeyDown}
        />
        <div
          ref={listRef}
          id={listId}
          role="listbox"
          aria-label={label}
          aria-multiselectable="true"
          aria-busy={!fresh}
          className="combobox-list"
          hidden={!expanded}
          tabIndex={-1}
        >
          {options.map((option, index) => {
            const detail = candidateDetail(option);
            const picked = value.includes(option.ssyk);
            return (
              // biome-ignore lint/a11y/useKeyWithClickEvents: the input handles the keys (aria-activedescendant pattern).
              // biome-ignore lint/a11y/useFocusableInteractive: options are not focused; the input points at them with aria-activedescendant.
              <div
                key={option.ssyk}
                id={`${listId}-${option.ssyk}`}
                role="option"
                aria-selected={picked}
                className={`combobox-option occupation-option${index === active ? ' is-active' : ''}`}
                data-option-id={option.ssyk}
                onMouseDown={(event) => event.preventDefault()}
                onMouseMove={() => setActive(index)}
                onClick={() => toggle(option)}
              >
                <span className="occupation-option-text">
                  <span>
                    {/* A check mark and the word "vald": being chosen is not shown by colour alone. */}
                    {picked && <span aria-hidden="true">✓ </span>}
                    {option.label}
                  </span>
                  {detail.matched && (
                    <span className="occupation-option-matched">
                      {t('occupationPicker.matched', { name: detail.matched })}
                    </span>
                  )}
                </span>
                <span className="option-meta">
                  {picked && <span className="visually-hidden">{t('occupationPicker.isSelected')} </span>}
                  SSYK {detail.code}
                </span>
              </div>
            );
          })}
        </div>
        {open && query !== '' && !expanded && status !== '' && (
          <p className="combobox-list combobox-empty">{status}</p>
        )}
      </div>
      {full && <p className="control-help">{t('occupationPicker.full', { count: max })}</p>}
      {error && (
        <p id={errorId} className="occupation-picker-error">
          {/* The word "Fel" and the text, not only the red colour. */}
          {t('occupationPicker.errorPrefix')} {error}
        </p>
      )}
      <p className="visually-hidden" aria-live="polite">
        {announcement ? `${announcement} ` : ''}
        {status}
      </p>
    </div>
  );
}
