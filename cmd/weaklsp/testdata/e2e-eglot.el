;;; e2e-eglot.el --- Emacs eglot end-to-end test of weaklsp  -*- lexical-binding: t -*-
;; Run by main_test.go as: emacs --batch -q -l e2e-eglot.el
;; with WEAKLSP_CMD (a JSON list), WEAKLSP_FILE and WEAKLSP_OUT set.
;; Writes a JSON report to WEAKLSP_OUT, whatever happens.

(require 'json)

(defvar weaklsp-report nil)

(defun weaklsp-wait-for (pred secs)
  "Process events until PRED holds or SECS pass; return PRED's value."
  (let ((deadline (+ (float-time) secs)) (v nil))
    (while (and (not (setq v (funcall pred))) (< (float-time) deadline))
      (accept-process-output nil 0.05)
      (sit-for 0.05))
    v))

(defun weaklsp-diagnostics ()
  (mapcar (lambda (d)
            (list (cons 'line (line-number-at-pos (flymake-diagnostic-beg d)))
                  (cons 'text (flymake-diagnostic-text d))))
          (flymake-diagnostics)))

(defun weaklsp-step (name ok)
  (push (list (cons 'name name) (cons 'waited (if ok t :json-false))
              (cons 'diagnostics (or (weaklsp-diagnostics) [])))
        weaklsp-report))

(defun weaklsp-run ()
  (unless (require 'eglot nil t)
    (error "eglot-missing"))
  (define-derived-mode go-mode prog-mode "Go")
  (add-to-list 'eglot-server-programs
               (cons 'go-mode (append (json-read-from-string (getenv "WEAKLSP_CMD")) nil)))
  (find-file (getenv "WEAKLSP_FILE"))
  (go-mode)
  (call-interactively #'eglot)
  (weaklsp-step "open" (weaklsp-wait-for #'weaklsp-diagnostics 180))
  (goto-char (point-min))
  (search-forward "return p.Value().Name")
  (replace-match "if v := p.Value(); v != nil { return v.Name }; return \"\"")
  ;; eglot sends changes from an idle timer, which batch mode never runs.
  (eglot--signal-textDocument/didChange)
  (weaklsp-step "fix" (weaklsp-wait-for (lambda () (null (flymake-diagnostics))) 90))
  (set-buffer-modified-p nil)
  (eglot-shutdown (eglot-current-server)))

(let ((err (condition-case e (progn (weaklsp-run) nil) (error (error-message-string e)))))
  (with-temp-file (getenv "WEAKLSP_OUT")
    (insert (json-encode (list (cons 'error (or err ""))
                               (cons 'steps (vconcat (reverse weaklsp-report))))))))
(kill-emacs 0)
