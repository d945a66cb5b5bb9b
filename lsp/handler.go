package lsp

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"runtime/debug"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"

	"github.com/weaklint/weaklint/lsp/internal/jsonrpc"
)

// handler returns the connection's handler: the protocol library's
// dispatcher (protocol.ServerHandler, which decodes params into the
// library's types and calls the Server method) wrapped in what the library
// leaves out:
//   - a panic in a handler is recovered, logged with its stack, and answered
//     with an internal error; the server keeps serving;
//   - requests before initialize or after shutdown get the errors the
//     protocol specifies (-32002, -32600);
//   - params that do not decode into the method's type are answered
//     -32602 (invalid params): the library answers them with an error
//     without a code, sent as 0;
//   - shutdown and exit are handled here, since the library refuses them
//     with params, even "params": null, which clients send;
//   - textDocument/didChange is decoded here, because the library's type
//     cannot tell a whole-document change from an insertion at 0:0;
//   - textDocument/codeAction is answered from another goroutine, because it
//     may wait for the analysis of the latest edit and every message is
//     handled in turn: waiting here would also delay the edits themselves.
//
// Methods the library does not know (LSP 3.17's textDocument/diagnostic,
// say) reach Server.Request, which answers -32601 (method not found).
// $/cancelRequest is handled by the connection (package jsonrpc), which
// cancels the request's context.
//
// Every message is handled in order, on the connection's handling
// goroutine: slow work is scheduled elsewhere.
func (s *Server) handler() jsonrpc.Handler {
	dispatch := protocol.ServerHandler(s, nil)
	return func(ctx context.Context, req *jsonrpc.Request, reply jsonrpc.Replier) {
		defer func() {
			if r := recover(); r != nil {
				s.logf("panic handling %s: %v\n%s", req.Method, r, debug.Stack())
				s.sendReply(req, reply, nil, jsonrpc2.Errorf(jsonrpc2.InternalError, "internal error handling %s: %v", req.Method, r))
			}
		}()
		if err := s.admit(req.Method); err != nil {
			s.sendReply(req, reply, nil, err)
			return
		}

		switch req.Method {
		case protocol.MethodShutdown:
			s.sendReply(req, reply, nil, s.Shutdown(ctx))
			return
		case protocol.MethodExit:
			s.sendReply(req, reply, nil, s.Exit(ctx))
			return
		case protocol.MethodTextDocumentDidChange:
			var params didChangeParams
			if err := json.Unmarshal(req.Params, &params); err != nil {
				s.logf("%s: invalid params: %v", req.Method, err)
				return
			}
			s.didChange(ctx, &params)
			return
		case protocol.MethodTextDocumentCodeAction:
			var params protocol.CodeActionParams
			if err := json.Unmarshal(req.Params, &params); err != nil {
				s.sendReply(req, reply, nil, invalidParams(req.Method, err))
				return
			}
			wait := s.codeActions(&params)
			go func() {
				defer func() {
					if r := recover(); r != nil {
						s.logf("panic computing code actions: %v\n%s", r, debug.Stack())
						s.sendReply(req, reply, nil, jsonrpc2.Errorf(jsonrpc2.InternalError, "internal error: %v", r))
					}
				}()
				actions, err := wait(ctx)
				s.sendReply(req, reply, actions, err)
			}()
			return
		}

		// The dispatcher's only errors without a JSON-RPC code are those of
		// decoding params: every Server method returns *jsonrpc2.Error.
		legacy := func(_ context.Context, result any, err error) error {
			var wire *jsonrpc2.Error
			if err != nil && !errors.As(err, &wire) {
				err = invalidParams(req.Method, err)
			}
			if !req.IsCall() {
				if err != nil {
					s.logf("%s: %v", req.Method, err)
				}
				return nil
			}
			return reply(result, err)
		}
		if err := dispatch(ctx, legacy, req.Legacy()); err != nil {
			s.logf("replying to %s: %v", req.Method, err)
		}
	}
}

func invalidParams(method string, err error) error {
	return &jsonrpc2.Error{Code: jsonrpc2.InvalidParams, Message: fmt.Sprintf("invalid params of %s: %v", method, err)}
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

// sendReply answers a call (a notification gets no answer; an error about
// one is logged).
func (s *Server) sendReply(req *jsonrpc.Request, reply jsonrpc.Replier, result any, err error) {
	if !req.IsCall() {
		if err != nil {
			s.logf("%s: %v", req.Method, err)
		}
		return
	}
	if rerr := reply(result, err); rerr != nil {
		s.logf("replying to %s: %v", req.Method, rerr)
	}
}
