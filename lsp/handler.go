package lsp

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"runtime/debug"
	"strconv"
	"sync"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
)

// handler returns the connection's handler: the protocol library's
// dispatcher wrapped in what the library leaves out (see LSP-NOTES.md):
//   - a panic in a handler is recovered, logged with its stack, and answered
//     with an internal error; the server keeps serving;
//   - $/cancelRequest works with numeric ids (the library only cancels int32
//     and string ids, and JSON numbers decode as float64);
//   - requests before initialize or after shutdown get the errors the
//     protocol specifies;
//   - a message without params reaches the dispatcher as "params": null, so
//     that an unknown method is answered -32601, not a parse error; shutdown
//     and exit are handled here, since the library wants no params at all;
//   - textDocument/didChange is decoded here, because the library's type
//     cannot tell a whole-document change from an insertion at 0:0;
//   - textDocument/codeAction is answered from another goroutine, because it
//     may wait for the analysis of the latest edit and every message is
//     handled in turn: waiting here would also delay the edits themselves.
//
// Every other message is handled at once, in order, on the reading
// goroutine: slow work is scheduled elsewhere.
func (s *Server) handler() jsonrpc2.Handler {
	dispatch := protocol.ServerHandler(s, nil)
	return func(ctx context.Context, reply jsonrpc2.Replier, req jsonrpc2.Request) error {
		call, isCall := req.(*jsonrpc2.Call)
		reply = replyOnce(reply)
		defer func() {
			if r := recover(); r != nil {
				s.logf("panic handling %s: %v\n%s", req.Method(), r, debug.Stack())
				if isCall {
					s.sendReply(ctx, reply, req, nil, jsonrpc2.Errorf(jsonrpc2.InternalError, "internal error handling %s: %v", req.Method(), r))
				}
			}
		}()

		if len(bytes.TrimSpace(req.Params())) == 0 {
			req = withNullParams(req)
		}
		if err := s.admit(req.Method()); err != nil {
			if isCall {
				s.sendReply(ctx, reply, req, nil, err)
			}
			return nil
		}

		switch req.Method() {
		case protocol.MethodShutdown, protocol.MethodExit:
			// The library refuses these if params is present, even
			// "params": null, which clients send.
			var err error
			if req.Method() == protocol.MethodShutdown {
				err = s.Shutdown(ctx)
			} else {
				err = s.Exit(ctx)
			}
			s.sendReply(ctx, reply, req, nil, err)
			return nil
		case protocol.MethodCancelRequest:
			s.cancelRequest(req.Params())
			return nil
		case protocol.MethodTextDocumentDidChange:
			var params didChangeParams
			if err := json.Unmarshal(req.Params(), &params); err != nil {
				s.logf("%s: %v", req.Method(), err)
				return nil
			}
			s.didChange(ctx, &params)
			return nil
		}

		if isCall {
			var done func()
			ctx, done = s.trackRequest(ctx, call.ID())
			inner := reply
			reply = func(ctx context.Context, result any, err error) error {
				done()
				// The stream refuses to write under a cancelled context,
				// and a cancelled request still gets its answer.
				return inner(context.WithoutCancel(ctx), result, err)
			}
		}
		if req.Method() == protocol.MethodTextDocumentCodeAction && isCall {
			var params protocol.CodeActionParams
			if err := json.Unmarshal(req.Params(), &params); err != nil {
				s.sendReply(ctx, reply, req, nil, fmt.Errorf("%w: %v", jsonrpc2.ErrInvalidParams, err))
				return nil
			}
			wait := s.codeActions(&params)
			go func() {
				defer func() {
					if r := recover(); r != nil {
						s.logf("panic computing code actions: %v\n%s", r, debug.Stack())
						s.sendReply(ctx, reply, req, nil, jsonrpc2.Errorf(jsonrpc2.InternalError, "internal error: %v", r))
					}
				}()
				actions, err := wait(ctx)
				s.sendReply(ctx, reply, req, actions, err)
			}()
			return nil
		}
		if err := dispatch(ctx, reply, req); err != nil {
			s.logf("replying to %s: %v", req.Method(), err)
		}
		return nil // an error here would close the connection
	}
}

// admit returns the error the protocol prescribes for a message the
// server cannot take in its current state, or nil.
func (s *Server) admit(method string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case method == protocol.MethodExit:
		return nil
	case s.state == stateNew && method != protocol.MethodInitialize:
		return jsonrpc2.NewError(jsonrpc2.ServerNotInitialized, "the server is not initialized yet")
	case s.state != stateNew && method == protocol.MethodInitialize:
		return jsonrpc2.NewError(jsonrpc2.InvalidRequest, "the server is already initialized")
	case s.state == stateShutdown:
		return jsonrpc2.NewError(jsonrpc2.InvalidRequest, "the server is shut down")
	}
	return nil
}

func (s *Server) sendReply(ctx context.Context, reply jsonrpc2.Replier, req jsonrpc2.Request, result any, err error) {
	if rerr := reply(context.WithoutCancel(ctx), result, err); rerr != nil {
		s.logf("replying to %s: %v", req.Method(), rerr)
	}
}

// replyOnce makes a second reply a no-op, so that the panic handler can
// reply without knowing whether the panicking code had.
func replyOnce(reply jsonrpc2.Replier) jsonrpc2.Replier {
	var once sync.Once
	return func(ctx context.Context, result any, err error) error {
		var rerr error
		once.Do(func() { rerr = reply(ctx, result, err) })
		return rerr
	}
}

func withNullParams(req jsonrpc2.Request) jsonrpc2.Request {
	null := json.RawMessage("null")
	if call, ok := req.(*jsonrpc2.Call); ok {
		if c, err := jsonrpc2.NewCall(call.ID(), call.Method(), null); err == nil {
			return c
		}
		return req
	}
	if n, err := jsonrpc2.NewNotification(req.Method(), null); err == nil {
		return n
	}
	return req
}

// requestKey is the key of a request id in s.requests, the same for the id
// of the request and the id in $/cancelRequest whatever JSON type it has.
func requestKey(raw json.RawMessage) string {
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		return ""
	}
	switch v := v.(type) {
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case string:
		return strconv.Quote(v)
	}
	return ""
}

func (s *Server) trackRequest(ctx context.Context, id jsonrpc2.ID) (context.Context, func()) {
	raw, err := json.Marshal(&id)
	if err != nil {
		return ctx, func() {}
	}
	key := requestKey(raw)
	ctx, cancel := context.WithCancel(ctx)
	s.mu.Lock()
	s.requests[key] = cancel
	s.mu.Unlock()
	return ctx, func() {
		s.mu.Lock()
		delete(s.requests, key)
		s.mu.Unlock()
		cancel()
	}
}

func (s *Server) cancelRequest(params json.RawMessage) {
	var p struct {
		ID json.RawMessage `json:"id"`
	}
	if err := json.Unmarshal(params, &p); err != nil {
		s.logf("$/cancelRequest: %v", err)
		return
	}
	s.mu.Lock()
	cancel := s.requests[requestKey(p.ID)]
	s.mu.Unlock()
	if cancel != nil {
		cancel()
	}
}
