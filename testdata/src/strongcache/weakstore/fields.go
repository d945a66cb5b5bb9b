package weakstore

import "weak"

// The weak pointer is to a field of a local: storing the local (or the
// field path) strongly keeps the referent alive.

type payload struct{ data []byte }

type job struct {
	id      int
	payload *payload
}

type queue struct {
	results map[int]weak.Pointer[payload]
	done    []*job
	last    *payload
	ids     []int
	own     *payload
}

// Positive: the job, which points to its payload, is kept by the queue.
func (q *queue) Finish(j *job) {
	q.results[j.id] = weak.Make(j.payload)
	q.done = append(q.done, j) // want `j, which holds the weak referent j.payload, is stored strongly in q.done, in the same q`
}

// Positive: the field path itself.
func (q *queue) Peek(j *job) {
	q.results[j.id] = weak.Make(j.payload)
	q.last = j.payload // want `j.payload is stored strongly in q.last, in the same q`
}

// Quiet: other fields of the job are copies; the queue's own field is
// held by the queue anyway (another diagnosis, not this one).
func (q *queue) Track(j *job) {
	q.results[j.id] = weak.Make(j.payload)
	q.ids = append(q.ids, j.id)
	q.results[-1] = weak.Make(q.own)
}

func (q *queue) Forget(id int) { delete(q.results, id) }
