/* libFuzzer target: any bytes through the protocol decoder, and what decodes through the
 * session model, must neither crash nor leak (built with ASan + UBSan). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "proto.h"
#include "session.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct session *s;
	if (!s) {
		struct command c = { .type = CMD_ACTIVITY_ADD };
		struct session_result r;
		s = session_new("fuzz", "sv", 0);
		c.u.activity_add.kind = ACTIVITY_IDEAS;
		c.u.activity_add.prompt = "?";
		session_apply(s, &c, &r);
	}
	struct proto_request req;
	struct proto_error err;
	if (proto_decode((const char *)data, size, &req, &err) < 0) {
		free(proto_encode_error(&err));
		return 0;
	}
	struct session_result r;
	struct command c = { .at_ms = 1 };
	if (req.type == PROTO_HELLO) {
		c.type = CMD_JOIN;
		c.u.join.token = req.token ? req.token : "0123456789abcdef0123456789abcdef";
		c.u.join.name = req.name;
		c.u.join.lang = req.lang;
	} else {
		c.type = CMD_IDEA_POST;
		c.u.idea_post.text = req.text;
	}
	if (session_apply(s, &c, &r) == 0 && c.type == CMD_IDEA_POST)
		free(proto_encode_idea_added(s, r.events[0].id));
	proto_request_free(&req);
	if (s->n_ideas > 1000) {   /* keep memory flat over long runs */
		session_free(s);
		s = NULL;
	}
	return 0;
}
