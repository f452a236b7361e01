import { useEffect, useRef } from 'react'
import { EditorView, keymap, lineNumbers, highlightActiveLine } from '@codemirror/view'
import { Compartment, EditorState } from '@codemirror/state'
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands'
import { html } from '@codemirror/lang-html'
import { syntaxHighlighting, defaultHighlightStyle } from '@codemirror/language'
import { lintGutter, setDiagnostics, type Diagnostic } from '@codemirror/lint'

export interface LineProblem {
  line: number | null
  message: string
}

/** Problems on their lines, as CodeMirror marks them (one without a line marks the first). */
function diagnosticsOf(state: EditorState, problems: readonly LineProblem[]): Diagnostic[] {
  return problems.map((p) => {
    const line = state.doc.line(Math.min(Math.max(p.line ?? 1, 1), state.doc.lines))
    return { from: line.from, to: line.to, severity: 'error', message: p.message }
  })
}

/**
 * A step's Handlebars template in CodeMirror 6: line numbers, undo, HTML highlighting, and the
 * check's problems marked on the lines they concern. Tab leaves the editor (no focus trap);
 * Escape then Tab works the same, as CodeMirror's accessibility guide has it.
 */
export function TemplateEditor(props: {
  value: string
  onChange: (value: string) => void
  label: string
  problems: readonly LineProblem[]
}) {
  const host = useRef<HTMLDivElement>(null)
  const view = useRef<EditorView | null>(null)
  const labelled = useRef(new Compartment())
  const onChange = useRef(props.onChange)
  useEffect(() => {
    onChange.current = props.onChange
  })

  useEffect(() => {
    const editor = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: props.value,
        extensions: [
          lineNumbers(),
          highlightActiveLine(),
          history(),
          keymap.of([...defaultKeymap, ...historyKeymap]),
          html(),
          syntaxHighlighting(defaultHighlightStyle),
          lintGutter(),
          EditorView.lineWrapping,
          labelled.current.of(EditorView.contentAttributes.of({ 'aria-label': props.label })),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) onChange.current(update.state.doc.toString())
          }),
        ],
      }),
    })
    view.current = editor
    return () => editor.destroy()
    // The editor is made once per step (the parent keys it); later values come from typing.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  // A value set from outside (a version restored) replaces the text.
  useEffect(() => {
    const editor = view.current
    if (editor && editor.state.doc.toString() !== props.value)
      editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: props.value } })
  }, [props.value])

  // The step's name may change while its template is open: the editor's name follows.
  useEffect(() => {
    view.current?.dispatch({
      effects: labelled.current.reconfigure(EditorView.contentAttributes.of({ 'aria-label': props.label })),
    })
  }, [props.label])

  useEffect(() => {
    const editor = view.current
    if (editor) editor.dispatch(setDiagnostics(editor.state, diagnosticsOf(editor.state, props.problems)))
  }, [props.problems, props.value])

  return <div className="template-editor" ref={host} />
}
