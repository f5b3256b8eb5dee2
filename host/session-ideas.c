/* session-ideas.c: ideas posted, hidden, restored, edited and merged, and the groups they are
 * put in. */
#include "session-int.h"

int apply_idea_post(struct session *s, const struct command *c, struct session_result *res)
{
	uint32_t who;
	if (cmd_actor(s, c, 1, &who, res) < 0) return -1;
	struct activity *a = cmd_target_activity(s, c, ACTIVITY_IDEAS, res);
	if (!a) return -1;
	if (cmd_need_open(a, res) < 0) return -1;
	int category = c->n < 0 ? -1 : (int)c->n;
	if (c->n < -1 || (category >= 0 && (size_t)category >= a->n_options)) {
		if (!a->n_options) return cmd_fail(res, SERR_BAD_CATEGORY, "This activity has no categories.");
		return cmd_fail(res, SERR_BAD_CATEGORY, "Choose one of the %zu categories.", a->n_options);
	}
	if (c->photo && cmd_check_photo(c->photo, c->photo_w, c->photo_h, res) < 0) return -1;
	uint32_t table;
	if (cmd_acting_table(s, who, c->table, &table, res) < 0) return -1;
	char *text;
	if (cmd_check_idea_text_opt(c->text, c->photo != NULL, &text, res) < 0) return -1;

	xgrow((void **)&s->ideas, &s->cap_ideas, s->n_ideas + 1, sizeof *s->ideas);
	struct idea *i = &s->ideas[s->n_ideas++];
	memset(i, 0, sizeof *i);
	i->id = s->next_idea_id++;
	i->activity = a->id;
	i->author = who;
	i->text = text;
	i->created_ms = c->at_ms;
	i->category = category;
	i->table = table;
	i->round = a->round;
	if (c->photo) {
		i->photo = xstrdup(c->photo);
		i->photo_w = c->photo_w;
		i->photo_h = c->photo_h;
	}
	cmd_emit(res, EV_IDEA_ADDED, i->id, 0);
	return 0;
}

int apply_idea_hide(struct session *s, const struct command *c, struct session_result *res)
{
	struct idea *i = cmd_target_idea(s, c->idea, res);
	if (!i) return -1;
	int hide = c->type == CMD_IDEA_HIDE;
	if (i->hidden == hide) return cmd_fail(res, SERR_BAD_VALUE, hide ? "It is hidden already." : "It is not hidden.");
	i->hidden = hide;
	i->hidden_ms = hide ? c->at_ms : 0;
	if (hide) cmd_drop_votes_on(s, i->activity, 0, i->id, res);
	cmd_add_log(s, c->at_ms, hide ? MOD_HIDE : MOD_RESTORE, i->id, 0, NULL, NULL);
	cmd_emit(res, EV_IDEA_CHANGED, i->id, 0);
	return 0;
}

int apply_idea_edit(struct session *s, const struct command *c, struct session_result *res)
{
	struct idea *i = cmd_target_idea(s, c->idea, res);
	if (!i) return -1;
	char *text;
	if (cmd_check_idea_text_opt(c->text, i->photo != NULL, &text, res) < 0) return -1;
	if (strcmp(text, i->text) == 0) {
		free(text);
		return cmd_fail(res, SERR_BAD_VALUE, "The text is the same.");
	}
	cmd_add_log(s, c->at_ms, MOD_EDIT, i->id, 0, i->text, text);
	free(i->text);
	i->text = text;
	i->edited = 1;
	cmd_emit(res, EV_IDEA_CHANGED, i->id, 0);
	return 0;
}

int apply_idea_merge(struct session *s, const struct command *c, struct session_result *res)
{
	struct idea *dup = cmd_target_idea(s, c->idea, res);
	if (!dup) return -1;
	struct idea *into = cmd_target_idea(s, c->other, res);
	if (!into) return -1;
	if (dup == into) return cmd_fail(res, SERR_BAD_VALUE, "An idea cannot be merged into itself.");
	if (dup->activity != into->activity)
		return cmd_fail(res, SERR_NO_IDEA, "Both ideas must belong to the same activity.");
	if (into->hidden) return cmd_fail(res, SERR_NO_IDEA, "Restore idea %u before merging into it.", into->id);
	/* Dots on the duplicate move to the idea it joins, up to the per-item maximum. */
	for (size_t k = 0; k < s->n_activities; k++) {
		const struct activity *v = &s->activities[k];
		if (v->kind != ACTIVITY_VOTE || v->source != dup->activity || v->on_groups) continue;
		int touched = 0;
		for (size_t i = 0; i < s->n_votes;) {
			struct vote *vt = &s->votes[i];
			if (vt->activity != v->id || vt->item != dup->id) { i++; continue; }
			uint32_t who = vt->participant;
			int moved = vt->dots;
			memmove(vt, vt + 1, (s->n_votes - i - 1) * sizeof *vt);
			s->n_votes--;
			int there = session_dots_on(s, v->id, who, into->id);
			int total = there + moved > v->max_per_item ? v->max_per_item : there + moved;
			cmd_set_dots(s, v->id, who, into->id, total, c->at_ms);
			touched = 1;
			i = 0;   /* set_dots may have appended; start over (few votes per idea) */
		}
		if (touched) cmd_emit(res, EV_VOTES_CHANGED, v->id, 0);
	}
	dup->merged_into = into->id;
	dup->group = 0;
	cmd_add_log(s, c->at_ms, MOD_MERGE, dup->id, into->id, NULL, NULL);
	cmd_emit(res, EV_IDEA_CHANGED, dup->id, 0);
	cmd_emit(res, EV_IDEA_CHANGED, into->id, 0);
	return 0;
}

int apply_group_create(struct session *s, const struct command *c, struct session_result *res)
{
	struct activity *a = cmd_target_activity(s, c, ACTIVITY_IDEAS, res);
	if (!a) return -1;
	struct idea *first = NULL, *second = NULL;
	if (c->idea && !(first = cmd_target_idea(s, c->idea, res))) return -1;
	if (c->other && !(second = cmd_target_idea(s, c->other, res))) return -1;
	if ((first && first->activity != a->id) || (second && second->activity != a->id))
		return cmd_fail(res, SERR_NO_IDEA, "The ideas must belong to the activity being grouped.");
	char *name;
	if (cmd_check_short(c->name, SESSION_OPTION_MAX_CHARS, 1, "group name", SERR_NAME_TOO_LONG, &name, res) < 0)
		return -1;
	xgrow((void **)&s->groups, &s->cap_groups, s->n_groups + 1, sizeof *s->groups);
	struct group *g = &s->groups[s->n_groups++];
	*g = (struct group){ .id = s->next_group_id++, .activity = a->id, .name = name, .created_ms = c->at_ms };
	cmd_emit(res, EV_GROUP_ADDED, g->id, 0);
	if (first) { first->group = g->id; cmd_emit(res, EV_IDEA_CHANGED, first->id, 0); }
	if (second) { second->group = g->id; cmd_emit(res, EV_IDEA_CHANGED, second->id, 0); }
	return 0;
}

int apply_group_rename(struct session *s, const struct command *c, struct session_result *res)
{
	struct group *g = cmd_target_group(s, c->group, res);
	if (!g) return -1;
	char *name;
	if (cmd_check_short(c->name, SESSION_OPTION_MAX_CHARS, 1, "group name", SERR_NAME_TOO_LONG, &name, res) < 0)
		return -1;
	free(g->name);
	g->name = name;
	cmd_emit(res, EV_GROUP_CHANGED, g->id, 0);
	return 0;
}

int apply_group_remove(struct session *s, const struct command *c, struct session_result *res)
{
	struct group *g = cmd_target_group(s, c->group, res);
	if (!g) return -1;
	g->removed = 1;
	for (size_t i = 0; i < s->n_ideas; i++)
		if (s->ideas[i].group == g->id) s->ideas[i].group = 0;   /* no event each: the group event says it */
	cmd_drop_votes_on(s, g->activity, 1, g->id, res);
	cmd_emit(res, EV_GROUP_CHANGED, g->id, 0);
	return 0;
}

int apply_idea_group(struct session *s, const struct command *c, struct session_result *res)
{
	struct idea *i = cmd_target_idea(s, c->idea, res);
	if (!i) return -1;
	if (c->group) {
		struct group *g = cmd_target_group(s, c->group, res);
		if (!g) return -1;
		if (g->activity != i->activity)
			return cmd_fail(res, SERR_NO_GROUP, "Group %u belongs to another activity.", g->id);
	}
	i->group = c->group;
	cmd_emit(res, EV_IDEA_CHANGED, i->id, 0);
	return 0;
}
