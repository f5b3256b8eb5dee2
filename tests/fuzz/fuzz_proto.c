/* libFuzzer target: any bytes through the protocol decoder, and what decodes through the
 * session model, must neither crash nor leak (built with ASan + UBSan); and whatever the
 * model accepted must still save into a session file that loads (else resume would fail). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "proto.h"
#include "session.h"
#include "store.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct session *s;
	struct session_result r;
	if (!s) {
		struct activity_spec sp = { .kind = ACTIVITY_IDEAS, .prompt = "?" };
		struct command c = { .type = CMD_ACTIVITY_ADD, .facilitator = 1, .spec = &sp };
		s = session_new("fuzz", "sv", 0);
		session_apply(s, &c, &r);
		c = (struct command){ .type = CMD_PHASE, .facilitator = 1, .n = PHASE_OPEN };
		session_apply(s, &c, &r);
		c = (struct command){ .type = CMD_JOIN, .token = "0123456789abcdef0123456789abcdef" };
		session_apply(s, &c, &r);
	}
	struct proto_request req;
	struct proto_error err;
	if (proto_decode((const char *)data, size, &req, &err) < 0) {
		free(proto_encode_error(&err));
		return 0;
	}
	struct command c;
	if (req.hello) {
		c = (struct command){ .type = CMD_JOIN, .token = req.token ? req.token : "0123456789abcdef0123456789abcdef",
		                      .name = req.name, .lang = req.lang };
	} else {
		proto_command(&req, &c);
		c.participant = size & 1 ? 0 : 1;   /* as a phone, or as the facilitator */
		c.facilitator = size & 1;
		c.token = "fedcba9876543210fedcba9876543210";
		c.at_ms = 1;
		if (req.cmd.type == CMD_POLL_ANSWER) c.n = req.value_is_list ? req.value_mask : req.value;
	}
	if (session_apply(s, &c, &r) == 0) {
		for (size_t k = 0; k < r.n_events; k++)
			if (r.events[k].type == EV_IDEA_ADDED || r.events[k].type == EV_IDEA_CHANGED)
				free(proto_encode_idea(s, "idea.added", r.events[k].id, 1, 0));
		if ((size & 15) == 0) {   /* costly: now and then */
			free(proto_encode_state(s, 1, 0, 3, 0));
			char why[512], *json = store_to_json(s, 1, 0);
			struct session *again = store_from_json(json, strlen(json), "saved.json", NULL, why, sizeof why);
			if (!again) {
				fprintf(stderr, "fuzz_proto: the session saves into a file that does not load: %s\n", why);
				abort();
			}
			session_free(again);
			free(json);
		}
	}
	proto_request_free(&req);
	if (s->n_ideas > 100 || s->n_activities > 20) {   /* keep memory and time per input flat */
		session_free(s);
		s = NULL;
	}
	return 0;
}
