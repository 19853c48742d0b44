import { type KeyboardEvent, useEffect, useId, useMemo, useRef, useState } from 'react';
import '../signals/signals.css';

export interface ComboboxOption {
  id: string;
  label: string;
  /** Shown beside the label (type, county …) and read as part of the option. */
  meta?: string;
}

export interface ComboboxProps {
  label: string;
  help?: string;
  placeholder?: string;
  /** Options for what the user typed (already ranked and limited). */
  search: (query: string) => ComboboxOption[];
  onSelect: (option: ComboboxOption) => void;
  /** Text shown in the field when nothing is being typed (the current choice). */
  selectedLabel?: string;
  noMatchText: (query: string) => string;
  resultsText: (count: number) => string;
  disabled?: boolean;
  /** Test/automation hook and stable id prefix. */
  name: string;
  /** Told what the user types (for a caller that fetches options from the server and passes them via `search`). */
  onQueryChange?: (query: string) => void;
}

/**
 * An editable combobox with a list popup (WAI-ARIA 1.2 pattern): type to search, arrow keys move through the
 * options, Enter chooses, Escape closes. The number of results is announced politely.
 */
export function Combobox(props: ComboboxProps) {
  const {
    label,
    help,
    placeholder,
    search,
    onSelect,
    selectedLabel,
    noMatchText,
    resultsText,
    disabled,
    name,
    onQueryChange,
  } = props;
  const id = useId();
  const inputId = `${name}-${id}`;
  const listId = `${inputId}-list`;
  const helpId = `${inputId}-help`;
  const [text, setText] = useState(selectedLabel ?? '');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [typed, setTyped] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLDivElement>(null);

  // Show the current choice when it changes from outside (navigation, language).
  useEffect(() => {
    if (!typed) setText(selectedLabel ?? '');
  }, [selectedLabel, typed]);

  const query = typed ? text : '';
  const options = useMemo(() => (open ? search(query) : []), [open, query, search]);
  const activeOption = options[Math.min(active, options.length - 1)];

  useEffect(() => {
    if (!open || !activeOption) return;
    const element = document.getElementById(`${listId}-${activeOption.id}`);
    element?.scrollIntoView({ block: 'nearest' });
  }, [open, activeOption, listId]);

  const choose = (option: ComboboxOption): void => {
    setTyped(false);
    setText(option.label);
    setOpen(false);
    onSelect(option);
  };

  const close = (): void => {
    setOpen(false);
    setTyped(false);
    setText(selectedLabel ?? '');
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (!open) {
          setOpen(true);
          setActive(0);
        } else setActive((a) => Math.min(a + 1, Math.max(options.length - 1, 0)));
        break;
      case 'ArrowUp':
        event.preventDefault();
        if (open) setActive((a) => Math.max(a - 1, 0));
        break;
      case 'Home':
        if (open && options.length > 0 && event.ctrlKey) {
          event.preventDefault();
          setActive(0);
        }
        break;
      case 'End':
        if (open && options.length > 0 && event.ctrlKey) {
          event.preventDefault();
          setActive(options.length - 1);
        }
        break;
      case 'Enter':
        if (open && activeOption) {
          event.preventDefault();
          choose(activeOption);
        }
        break;
      case 'Escape':
        if (open) {
          event.preventDefault();
          close();
        } else if (typed || text) {
          event.preventDefault();
          setTyped(true);
          setText('');
        }
        break;
      case 'Tab':
        if (open) close();
        break;
      default:
        break;
    }
  };

  const expanded = open && options.length > 0;
  return (
    <div className="control combobox-control">
      <label htmlFor={inputId}>{label}</label>
      {help && (
        <p id={helpId} className="control-help">
          {help}
        </p>
      )}
      <div className="combobox">
        <input
          ref={inputRef}
          id={inputId}
          name={name}
          type="text"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listId}
          aria-activedescendant={expanded && activeOption ? `${listId}-${activeOption.id}` : undefined}
          aria-describedby={help ? helpId : undefined}
          autoComplete="off"
          spellCheck={false}
          placeholder={placeholder}
          value={text}
          disabled={disabled}
          onChange={(event) => {
            setText(event.target.value);
            onQueryChange?.(event.target.value);
            setTyped(true);
            setOpen(true);
            setActive(0);
          }}
          onFocus={(event) => event.target.select()}
          onClick={() => setOpen(true)}
          onBlur={(event) => {
            // Keep the list open while the pointer chooses an option in it.
            if (listRef.current?.contains(event.relatedTarget as Node | null)) return;
            close();
          }}
          onKeyDown={onKeyDown}
        />
        <div
          ref={listRef}
          id={listId}
          role="listbox"
          aria-label={label}
          className="combobox-list"
          hidden={!expanded}
          tabIndex={-1}
        >
          {options.map((option, index) => (
            // biome-ignore lint/a11y/useKeyWithClickEvents: the input handles the keys (aria-activedescendant pattern).
            // biome-ignore lint/a11y/useFocusableInteractive: options are not focused; the input points at them with aria-activedescendant.
            <div
              key={option.id}
              id={`${listId}-${option.id}`}
              role="option"
              aria-selected={option === activeOption}
              className="combobox-option"
              data-option-id={option.id}
              onMouseDown={(event) => event.preventDefault()}
              onMouseMove={() => setActive(index)}
              onClick={() => choose(option)}
            >
              <span>{option.label}</span>
              {option.meta && <span className="option-meta">{option.meta}</span>}
            </div>
          ))}
        </div>
        {open && options.length === 0 && query.length > 0 && (
          <p className="combobox-list combobox-empty">{noMatchText(query)}</p>
        )}
      </div>
      <p className="visually-hidden" aria-live="polite">
        {open ? (options.length > 0 ? resultsText(options.length) : query ? noMatchText(query) : '') : ''}
      </p>
    </div>
  );
}
