/* session-int.h: the model's insides, shared by the session*.c files and by no one else: the
 * checks and lookups every command uses, and each command's apply function (the command table
 * in session-cmd.c names them). Pure: libc and util only, like the whole model.
 * The family:
 *   session.c          new, free, clone; names; lookups; visibility and derived values
 *   session-cmd.c      the command table, session_apply, cids, the shared checks
 *   session-people.c   join, proxy.add
 *   session-agenda.c   activity.add, goto, phase, timer.*
 *   session-ideas.c    idea.*, group.*
 *   session-votes.c    vote, poll.answer
 *   session-voices.c   idea.interpret, render, signal: every voice in the room
 *   session-tables.c   tables.*, table.join, round.next, idea.forward: tables and rounds
 *   session-screen.c   idea.approve, idea.reject: screened ideas
 *   session-consent.c  consent.*, moretime.*, the room's progress
 *   session-actions.c  action.*: from ideas to actions
 *   session-paper.c    paper.*: paper dots in the same count
 *   session-restore.c  loading a session file's records */
#ifndef MEDSKAPA_SESSION_INT_H
#define MEDSKAPA_SESSION_INT_H

#include "session.h"
#include "name.h"
#include "photo.h"
#include "util.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Record an error in res and return -1; the session is left as it was. */
int cmd_fail(struct session_result *res, enum session_err e, const char *fmt, ...)
	__attribute__((format(PRINTF_LIKE, 3, 4)));
struct activity *cmd_act_mut(struct session *s, uint32_t id);
struct idea *cmd_idea_mut(struct session *s, uint32_t id);
struct group *cmd_group_mut(struct session *s, uint32_t id);
void cmd_emit(struct session_result *res, enum event_type t, uint32_t id, uint32_t other);
int cmd_token_valid(const char *t);
int cmd_lang_valid(const char *l);
int cmd_check_name(const char *text, int required, const char *keep, char **out, struct session_result *res);
int cmd_check_short(const char *text, size_t max, int required, const char *what,
                    enum session_err too_long, char **out, struct session_result *res);
int cmd_check_idea_text(const char *text, char **out, struct session_result *res);
int cmd_check_idea_text_opt(const char *text, int empty_ok, char **out, struct session_result *res);
int cmd_check_photo(const char *name, int w, int h, struct session_result *res);
int cmd_actor(const struct session *s, const struct command *c, int self_ok, uint32_t *who,
              struct session_result *res);
struct activity *cmd_target_activity(struct session *s, const struct command *c, enum activity_kind kind,
                                     struct session_result *res);
int cmd_need_open(const struct activity *a, struct session_result *res);
struct idea *cmd_target_idea(struct session *s, uint32_t id, struct session_result *res);
void cmd_add_log(struct session *s, int64_t at, enum mod_kind kind, uint32_t idea, uint32_t other,
                 const char *before, const char *after);
void cmd_drop_votes_on(struct session *s, uint32_t src, int groups, uint32_t item, struct session_result *res);
struct group *cmd_target_group(struct session *s, uint32_t id, struct session_result *res);
struct participant *cmd_add_participant(struct session *s, const char *token, char *name,
                                        const char *lang, int64_t at, int proxy);
int apply_join(struct session *s, const struct command *c, struct session_result *res);
int apply_proxy_add(struct session *s, const struct command *c, struct session_result *res);
int cmd_check_spec(const struct session *s, const struct activity_spec *sp, char *err, size_t errlen);
struct activity *cmd_append_activity(struct session *s, uint32_t id, const struct activity_spec *sp);
int apply_activity_add(struct session *s, const struct command *c, struct session_result *res);
int apply_goto(struct session *s, const struct command *c, struct session_result *res);
int apply_phase(struct session *s, const struct command *c, struct session_result *res);
int apply_timer(struct session *s, const struct command *c, struct session_result *res);
void cmd_set_dots(struct session *s, uint32_t activity, uint32_t participant, uint32_t item, int dots,
                  int64_t at_ms);
int apply_vote(struct session *s, const struct command *c, struct session_result *res);
int apply_poll_answer(struct session *s, const struct command *c, struct session_result *res);
int apply_idea_post(struct session *s, const struct command *c, struct session_result *res);
int apply_idea_hide(struct session *s, const struct command *c, struct session_result *res);
int apply_idea_edit(struct session *s, const struct command *c, struct session_result *res);
int apply_idea_merge(struct session *s, const struct command *c, struct session_result *res);
int apply_group_create(struct session *s, const struct command *c, struct session_result *res);
int apply_group_rename(struct session *s, const struct command *c, struct session_result *res);
int apply_group_remove(struct session *s, const struct command *c, struct session_result *res);
int apply_idea_group(struct session *s, const struct command *c, struct session_result *res);
int apply_idea_interpret(struct session *s, const struct command *c, struct session_result *res);
int apply_render(struct session *s, const struct command *c, struct session_result *res);
int apply_signal(struct session *s, const struct command *c, struct session_result *res);
int apply_tables_set(struct session *s, const struct command *c, struct session_result *res);
int apply_table_join(struct session *s, const struct command *c, struct session_result *res);
int apply_tables_assign(struct session *s, const struct command *c, struct session_result *res);
int apply_round_next(struct session *s, const struct command *c, struct session_result *res);
int cmd_acting_table(const struct session *s, uint32_t who, uint32_t table, uint32_t *out,
                     struct session_result *res);
int apply_idea_forward(struct session *s, const struct command *c, struct session_result *res);
int apply_idea_approve(struct session *s, const struct command *c, struct session_result *res);
int apply_idea_reject(struct session *s, const struct command *c, struct session_result *res);
int apply_consent_answer(struct session *s, const struct command *c, struct session_result *res);
int apply_consent_amend(struct session *s, const struct command *c, struct session_result *res);
int apply_moretime_ask(struct session *s, const struct command *c, struct session_result *res);
int apply_moretime_answer(struct session *s, const struct command *c, struct session_result *res);
int apply_moretime_close(struct session *s, const struct command *c, struct session_result *res);
int apply_action_add(struct session *s, const struct command *c, struct session_result *res);
int apply_action_edit(struct session *s, const struct command *c, struct session_result *res);
int apply_action_status(struct session *s, const struct command *c, struct session_result *res);
int apply_action_volunteer(struct session *s, const struct command *c, struct session_result *res);
int apply_action_confirm(struct session *s, const struct command *c, struct session_result *res);
int apply_paper_add(struct session *s, const struct command *c, struct session_result *res);
int apply_paper_correct(struct session *s, const struct command *c, struct session_result *res);

#endif
