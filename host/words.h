/* words.h: the words people read, from one catalogue per language. A language's catalogue
 * is two files with no key in both: participant-web/i18n/<lang>.json, the words the phone page
 * downloads and reads, and assets/i18n/<lang>.json, the words only the laptop shows (board,
 * reports, terminal), kept out of the phone's download. So the phone, the board and the
 * reports say the same thing with the same word. Each C string has an id
 * (W_*, listed once in WORDS below) naming its key; a plural id names a base key whose
 * forms are key_zero, key_one, key_two, key_few, key_many and key_other (the CLDR categories,
 * as many as the language has; _other is always there), and optionally key_none, used for a
 * count of 0 when the sentence for "nothing yet" differs from the number form.
 * Placeholders are {name} (the page's t() uses the same); {n} is the count. */
#ifndef MEDSKAPA_WORDS_H
#define MEDSKAPA_WORDS_H

#include <stddef.h>
#include <stdio.h>

/* The languages of the catalogue, in the order the page lists them. */
#define WORDS_LANGS 7
extern const char *const words_langs[WORDS_LANGS];

/* X(id, key, plural): plural is 1 when the key is a base with plural forms. Sorted by the
 * screen that uses them; a key shared with the phone page keeps the page's name. */
#define WORDS(X) \
	X(W_FACILITATOR, "facilitator", 0) \
	X(W_ANONYMOUS, "anonymous", 0) \
	X(W_KIND_IDEAS, "f_kind_ideas", 0) \
	X(W_KIND_VOTE, "kind_vote", 0) \
	X(W_KIND_POLL, "kind_poll", 0) \
	X(W_PHASE_PREPARED, "phase_prepared", 0) \
	X(W_PHASE_OPEN, "phase_open", 0) \
	X(W_PHASE_LOCKED, "phase_locked", 0) \
	X(W_PHASE_REVEALED, "phase_revealed", 0) \
	X(W_TIMER_PAUSED, "timer_paused", 0) \
	X(W_TIMER_UP, "timer_up", 0) \
	X(W_ERR_EMPTY_TEXT, "err_empty_text", 0) \
	X(W_ERR_TEXT_TOO_LONG, "err_text_too_long", 0) \
	X(W_ERR_NO_ACTIVITY, "err_no_activity", 0) \
	X(W_ERR_WRONG_ACTIVITY, "err_wrong_activity", 0) \
	X(W_ERR_NAME_TOO_LONG, "err_name_too_long", 0) \
	X(W_ERR_NAME_RESERVED, "err_name_reserved", 0) \
	X(W_ERR_STORAGE, "err_storage", 0) \
	X(W_ERR_BAD_UTF8, "err_bad_utf8", 0) \
	X(W_ERR_NOT_OPEN, "err_not_open", 0) \
	X(W_ERR_OVER_BUDGET, "err_over_budget", 0) \
	X(W_ERR_OVER_ITEM_MAX, "err_over_item_max", 0) \
	X(W_ERR_FORBIDDEN, "err_forbidden", 0) \
	X(W_ERR_BAD_CATEGORY, "err_bad_category", 0) \
	X(W_ERR_NO_IDEA, "err_no_idea", 0) \
	X(W_ERR_NO_GROUP, "err_no_group", 0) \
	X(W_ERR_BAD_VALUE, "err_bad_value", 0) \
	X(W_ERR_BAD_SPEC, "err_bad_spec", 0) \
	X(W_ERR_GENERIC, "err_generic", 0) \
	X(W_HOST_REPORT_USAGE, "host_report_usage", 0) \
	X(W_HOST_REPORT_STDOUT, "host_report_stdout", 0) \
	X(W_HOST_REPORT_LEFT_OUT, "host_report_left_out", 0) \
	X(W_HOST_REPORT_FORMAT, "host_report_format", 0) \
	X(W_HOST_REPORT_SEP, "host_report_sep", 0) \
	X(W_HOST_REPORT_LANG, "host_report_lang", 0) \
	X(W_HOST_REPORT_FROM_JOURNAL, "host_report_from_journal", 1) \
	/* The terminal: what the host prints for the person running it (host_*). */ \
	X(W_HOST_USAGE, "host_usage", 0) \
	X(W_HOST_USAGE_WHAT, "host_usage_what", 0) \
	X(W_HOST_USAGE_KEYS, "host_usage_keys", 0) \
	X(W_HOST_ARG_FILE, "host_arg_file", 0) \
	X(W_HOST_ARG_N, "host_arg_n", 0) \
	X(W_HOST_ARG_SIZE, "host_arg_size", 0) \
	X(W_HOST_ARG_NAME, "host_arg_name", 0) \
	X(W_HOST_ARG_LANG, "host_arg_lang", 0) \
	X(W_HOST_ARG_URL, "host_arg_url", 0) \
	X(W_HOST_ARG_PNG, "host_arg_png", 0) \
	X(W_HOST_HELP_SESSION, "host_help_session", 0) \
	X(W_HOST_HELP_TEMPLATE, "host_help_template", 0) \
	X(W_HOST_HELP_PORT, "host_help_port", 0) \
	X(W_HOST_HELP_HEADLESS, "host_help_headless", 0) \
	X(W_HOST_HELP_FULLSCREEN, "host_help_fullscreen", 0) \
	X(W_HOST_HELP_SIZE, "host_help_size", 0) \
	X(W_HOST_HELP_THEME, "host_help_theme", 0) \
	X(W_HOST_HELP_LANG, "host_help_lang", 0) \
	X(W_HOST_HELP_JOIN_URL, "host_help_join_url", 0) \
	X(W_HOST_HELP_MAX_PHONES, "host_help_max_phones", 0) \
	X(W_HOST_HELP_MAX_PER_ADDRESS, "host_help_max_per_address", 0) \
	X(W_HOST_HELP_REVIEW, "host_help_review", 0) \
	X(W_HOST_HELP_SCREENSHOT, "host_help_screenshot", 0) \
	X(W_HOST_HELP_LAYOUT_JSON, "host_help_layout_json", 0) \
	X(W_HOST_HELP_HELP, "host_help_help", 0) \
	X(W_HOST_VERSION, "host_version", 0) \
	X(W_HOST_OPT_THEME, "host_opt_theme", 0) \
	X(W_HOST_OPT_LANG, "host_opt_lang", 0) \
	X(W_HOST_OPT_PORT, "host_opt_port", 0) \
	X(W_HOST_OPT_COUNT, "host_opt_count", 0) \
	X(W_HOST_OPT_SIZE, "host_opt_size", 0) \
	X(W_HOST_OPT_UNEXPECTED, "host_opt_unexpected", 0) \
	X(W_HOST_OPT_UNKNOWN, "host_opt_unknown", 0) \
	X(W_HOST_OPT_MISSING, "host_opt_missing", 0) \
	X(W_HOST_OPT_REVIEW, "host_opt_review", 0) \
	X(W_HOST_OPT_LAYOUT_JSON, "host_opt_layout_json", 0) \
	X(W_HOST_BANNER, "host_banner", 0) \
	X(W_HOST_SESSION_FILE, "host_session_file", 0) \
	X(W_HOST_JOIN, "host_join", 0) \
	X(W_HOST_FACILITATOR, "host_facilitator", 0) \
	X(W_HOST_LISTENING, "host_listening", 0) \
	X(W_HOST_LISTENING_HEADLESS, "host_listening_headless", 0) \
	X(W_HOST_NO_NETWORK, "host_no_network", 0) \
	X(W_HOST_NO_NETWORK_HINT, "host_no_network_hint", 0) \
	X(W_HOST_RESUMED, "host_resumed", 1) \
	X(W_HOST_WARNING, "host_warning", 0) \
	X(W_HOST_TEMPLATE_IGNORED, "host_template_ignored", 0) \
	X(W_HOST_LINK_REFUSED, "host_link_refused", 0) \
	X(W_HOST_NOTHING_CHANGED, "host_nothing_changed", 0) \
	X(W_HOST_RESUME_FAILED, "host_resume_failed", 0) \
	X(W_HOST_FILE_LEFT, "host_file_left", 0) \
	X(W_HOST_JOURNAL_ASIDE, "host_journal_aside", 0) \
	X(W_HOST_TEMPLATE_FAILED, "host_template_failed", 0) \
	X(W_HOST_CREATE_FAILED, "host_create_failed", 0) \
	X(W_HOST_NO_DISPLAY, "host_no_display", 0) \
	X(W_HOST_BOARD_FAILED, "host_board_failed", 0) \
	X(W_HOST_USE_HEADLESS, "host_use_headless", 0) \
	X(W_HOST_SERVER_FAILED, "host_server_failed", 0) \
	X(W_HOST_JOURNAL_FAILED, "host_journal_failed", 0) \
	X(W_HOST_FD_LIMIT, "host_fd_limit", 0) \
	X(W_HOST_CANNOT_SAVE, "host_cannot_save", 0) \
	X(W_HOST_NO_PHONE_REACHED, "host_no_phone_reached", 0) \
	X(W_HOST_SAVING_AGAIN, "host_saving_again", 0) \
	X(W_HOST_TAKEN_BACK, "host_taken_back", 1) \
	X(W_HOST_QUITTING, "host_quitting", 0) \
	X(W_HOST_SIGNAL, "host_signal", 0) \
	X(W_HOST_QUIT_FAILED, "host_quit_failed", 0) \
	X(W_HOST_DISK_SILENT, "host_disk_silent", 0) \
	X(W_HOST_JOURNAL_HOLDS, "host_journal_holds", 0) \
	X(W_HOST_REVIEW_DISPLAY, "host_review_display", 0) \
	X(W_HOST_REVIEWING, "host_reviewing", 0) \
	X(W_HOST_REVIEW_NOTICE, "host_review_notice", 0) \
	X(W_HOST_BOARD_WRITTEN, "host_board_written", 0) \
	X(W_BOARD_SIGNAL_INTERPRET, "board_signal_interpret", 0) \
	X(W_BOARD_SIGNAL_SLOWER, "board_signal_slower", 0) \
	X(W_BOARD_SIGNAL_UNCLEAR, "board_signal_unclear", 0) \
	X(W_BOARD_SCAN_TO_JOIN, "board_scan_to_join", 0) \
	X(W_BOARD_PHONES, "board_phones", 1) \
	X(W_BOARD_EMPTY_TITLE, "board_empty_title", 0) \
	X(W_BOARD_EMPTY_HINT, "board_empty_hint", 0) \
	X(W_BOARD_MORE, "board_more", 0) \
	X(W_BOARD_NO_QUESTION, "board_no_question", 0) \
	X(W_BOARD_AGENDA, "board_agenda", 0) \
	X(W_BOARD_SILENT, "board_silent", 1) \
	X(W_BOARD_SILENT_HINT, "board_silent_hint", 0) \
	X(W_BOARD_VOTED, "board_voted", 1) \
	X(W_BOARD_SCR_WAITING, "board_scr_waiting", 1) \
	X(W_BOARD_DOTS_EACH, "board_dots_each", 1) \
	X(W_BOARD_VOTE_SOON, "board_vote_soon", 0) \
	X(W_BOARD_VOTE_HIDDEN, "board_vote_hidden", 0) \
	X(W_BOARD_VOTE_CLOSED, "board_vote_closed", 0) \
	X(W_BOARD_NO_ITEMS, "board_no_items", 0) \
	X(W_BOARD_ANSWERS, "board_answers", 1) \
	X(W_BOARD_POLL_SOON, "board_poll_soon", 0) \
	X(W_BOARD_CHOOSE_ONE, "board_choose_one", 0) \
	X(W_BOARD_CHOOSE_MANY, "board_choose_many", 0) \
	X(W_BOARD_ANSWERS_HIDDEN, "board_answers_hidden", 0) \
	X(W_BOARD_UNDOTTED_IDEAS, "board_undotted_ideas", 1) \
	X(W_BOARD_UNDOTTED_GROUPS, "board_undotted_groups", 1) \
	X(W_BOARD_GROUP_IDEAS, "board_group_ideas", 1) \
	X(W_BOARD_TIMER_RUNNING, "board_timer_running", 0) \
	X(W_BOARD_TIMER_SET, "board_timer_set", 0) \
	X(W_BOARD_HELP_TITLE, "board_help_title", 0) \
	X(W_BOARD_HELP_CLOSE, "board_help_close", 0) \
	X(W_BOARD_FAC_TITLE, "board_fac_title", 0) \
	X(W_BOARD_FAC_WARNING, "board_fac_warning", 0) \
	X(W_BOARD_FAC_NONE, "board_fac_none", 0) \
	X(W_BOARD_TYPE_IDEA, "board_type_idea", 0) \
	X(W_BOARD_TYPE_RENAME, "board_type_rename", 0) \
	X(W_BOARD_TYPE_HINT, "board_type_hint", 0) \
	X(W_BOARD_FIRST_ACTIVITY, "board_first_activity", 0) \
	X(W_BOARD_LAST_ACTIVITY, "board_last_activity", 0) \
	X(W_BOARD_NO_ACTIVITY, "board_no_activity", 0) \
	X(W_BOARD_IDEAS_ONLY, "board_ideas_only", 0) \
	X(W_BOARD_DROP_HERE, "board_drop_here", 0) \
	X(W_BOARD_PAGE, "board_page", 0) \
	X(W_BOARD_GROUP_NAME, "board_group_name", 0) \
	X(W_BOARD_KEY_NEXT, "board_key_next", 0) \
	X(W_BOARD_KEY_PREV, "board_key_prev", 0) \
	X(W_BOARD_KEY_DRAG, "board_key_drag", 0) \
	X(W_BOARD_KEY_DBLCLICK, "board_key_dblclick", 0) \
	X(W_BOARD_HELP_NEXT, "board_help_next", 0) \
	X(W_BOARD_HELP_PREV, "board_help_prev", 0) \
	X(W_BOARD_HELP_OPEN, "board_help_open", 0) \
	X(W_BOARD_HELP_LOCK, "board_help_lock", 0) \
	X(W_BOARD_HELP_REVEAL, "board_help_reveal", 0) \
	X(W_BOARD_HELP_PREPARED, "board_help_prepared", 0) \
	X(W_BOARD_HELP_TIMER, "board_help_timer", 0) \
	X(W_BOARD_HELP_MINUTE, "board_help_minute", 0) \
	X(W_BOARD_HELP_TYPE, "board_help_type", 0) \
	X(W_BOARD_HELP_DRAG, "board_help_drag", 0) \
	X(W_BOARD_HELP_RENAME, "board_help_rename", 0) \
	X(W_BOARD_HELP_PAGES, "board_help_pages", 0) \
	X(W_BOARD_HELP_CARD, "board_help_card", 0) \
	X(W_BOARD_HELP_CONTRAST, "board_help_contrast", 0) \
	X(W_BOARD_HELP_FACADDR, "board_help_facaddr", 0) \
	X(W_BOARD_HELP_FULLSCREEN, "board_help_fullscreen", 0) \
	X(W_BOARD_HELP_HELP, "board_help_help", 0) \
	X(W_BOARD_HELP_QUIT, "board_help_quit", 0) \
	/* the board: tables as columns, rounds (issue 19) */ \
	X(W_BOARD_TBL_TABLE, "board_tbl_table", 0) \
	X(W_BOARD_TBL_NO_TABLE, "board_tbl_no_table", 0) \
	X(W_BOARD_TBL_ROUND, "board_tbl_round", 0) \
	X(W_BOARD_TBL_FORWARD, "board_tbl_forward", 0) \
	X(W_BOARD_TBL_HELP, "board_tbl_help", 0) \
	X(W_BOARD_TBL_NONE, "board_tbl_none", 0) \
	/* the staff reports (report*.c): labels, sentences with their counts, months, language names */ \
	X(W_REPORT_KICKER, "report_kicker", 0) \
	X(W_REPORT_REPORT, "report_report", 0) \
	X(W_REPORT_DATE, "report_date", 0) \
	X(W_REPORT_TIME, "report_time", 0) \
	X(W_REPORT_SPAN_NOTE, "report_span_note", 0) \
	X(W_REPORT_PARTICIPANTS, "report_participants", 0) \
	X(W_REPORT_IDEAS, "report_ideas", 0) \
	X(W_REPORT_ZONE_NOTE, "report_zone_note", 0) \
	X(W_REPORT_ZONE_UNKNOWN, "report_zone_unknown", 0) \
	X(W_REPORT_ANONYMISED, "report_anonymised", 0) \
	X(W_REPORT_AGENDA, "report_agenda", 0) \
	X(W_REPORT_POLL_SINGLE, "report_poll_single", 0) \
	X(W_REPORT_POLL_MULTI, "report_poll_multi", 0) \
	X(W_REPORT_POLL_SCALE, "report_poll_scale", 0) \
	X(W_REPORT_PHASE_PREPARED, "report_phase_prepared", 0) \
	X(W_REPORT_PHASE_OPEN, "report_phase_open", 0) \
	X(W_REPORT_PHASE_LOCKED, "report_phase_locked", 0) \
	X(W_REPORT_PHASE_REVEALED, "report_phase_revealed", 0) \
	X(W_REPORT_SILENT, "report_silent", 0) \
	X(W_REPORT_CATEGORIES, "report_categories", 0) \
	X(W_REPORT_UNGROUPED, "report_ungrouped", 0) \
	X(W_REPORT_NO_IDEAS, "report_no_ideas", 0) \
	X(W_REPORT_NOT_RUN, "report_not_run", 0) \
	X(W_REPORT_N_IDEAS, "report_n_ideas", 1) \
	X(W_REPORT_HIDDEN, "report_hidden", 0) \
	X(W_REPORT_HIDDEN_AT, "report_hidden_at", 0) \
	X(W_REPORT_EDITED, "report_edited", 0) \
	X(W_REPORT_EDITED_AT, "report_edited_at", 0) \
	X(W_REPORT_BEFORE, "report_before", 0) \
	X(W_REPORT_MERGED_HERE, "report_merged_here", 0) \
	X(W_REPORT_MERGED_HERE_AT, "report_merged_here_at", 0) \
	X(W_REPORT_MERGED_INTO, "report_merged_into", 0) \
	X(W_REPORT_PROXY, "report_proxy", 0) \
	X(W_REPORT_N_DOTS, "report_n_dots", 1) \
	X(W_REPORT_VOTE_ON_IDEAS, "report_vote_on_ideas", 0) \
	X(W_REPORT_VOTE_ON_GROUPS, "report_vote_on_groups", 0) \
	X(W_REPORT_DOTS_EACH, "report_dots_each", 1) \
	X(W_REPORT_AT_MOST_IDEA, "report_at_most_idea", 1) \
	X(W_REPORT_AT_MOST_GROUP, "report_at_most_group", 1) \
	X(W_REPORT_LIVE, "report_live", 0) \
	X(W_REPORT_VOTE_SUMMARY, "report_vote_summary", 1) \
	X(W_REPORT_AGENDA_VOTED, "report_agenda_voted", 1) \
	X(W_REPORT_TOOK_PART_VOTE, "report_took_part_vote", 1) \
	X(W_REPORT_RANK, "report_rank", 0) \
	X(W_REPORT_IDEA, "report_idea", 0) \
	X(W_REPORT_GROUP, "report_group", 0) \
	X(W_REPORT_DOTS, "report_dots", 0) \
	X(W_REPORT_VOTERS, "report_voters", 0) \
	X(W_REPORT_TIE, "report_tie", 0) \
	X(W_REPORT_NO_VOTES, "report_no_votes", 0) \
	X(W_REPORT_NO_DOTS_IDEAS, "report_no_dots_ideas", 1) \
	X(W_REPORT_NO_DOTS_GROUPS, "report_no_dots_groups", 1) \
	X(W_REPORT_NOT_SHOWN, "report_not_shown", 0) \
	X(W_REPORT_NOT_IN_VOTE, "report_not_in_vote", 0) \
	X(W_REPORT_LOST_DOTS, "report_lost_dots", 1) \
	X(W_REPORT_CHART, "report_chart", 0) \
	X(W_REPORT_CHOICE, "report_choice", 0) \
	X(W_REPORT_ANSWERS, "report_answers", 0) \
	X(W_REPORT_SHARE, "report_share", 0) \
	X(W_REPORT_POLL_SUMMARY, "report_poll_summary", 1) \
	X(W_REPORT_POLL_SUMMARY_SCALE, "report_poll_summary_scale", 1) \
	X(W_REPORT_AGENDA_ANSWERED, "report_agenda_answered", 1) \
	X(W_REPORT_MEAN, "report_mean", 0) \
	X(W_REPORT_DECIMAL, "report_decimal", 0) \
	X(W_REPORT_ANSWER_SHARE, "report_answer_share", 1) \
	X(W_REPORT_N_ANSWERS, "report_n_answers", 1) \
	X(W_REPORT_NO_ANSWERS, "report_no_answers", 0) \
	X(W_REPORT_MULTI_NOTE, "report_multi_note", 0) \
	X(W_REPORT_BRIEF, "report_brief", 0) \
	X(W_REPORT_PARTICIPATION, "report_participation", 0) \
	X(W_REPORT_WITH_PROXIES, "report_with_proxies", 1) \
	X(W_REPORT_WITH_HIDDEN, "report_with_hidden", 1) \
	X(W_REPORT_WITH_MERGED, "report_with_merged", 1) \
	X(W_REPORT_WITH_BY_FACILITATOR, "report_with_by_facilitator", 1) \
	X(W_REPORT_VOTES, "report_votes", 0) \
	X(W_REPORT_POLLS, "report_polls", 0) \
	X(W_REPORT_LANGUAGES, "report_languages", 0) \
	X(W_REPORT_LANGUAGE, "report_language", 0) \
	X(W_REPORT_LANG_TITLE, "report_lang_title", 0) \
	X(W_REPORT_LANG_RULE, "report_lang_rule", 0) \
	X(W_REPORT_LANG_LEFT_OUT, "report_lang_left_out", 0) \
	X(W_REPORT_LANG_OFF, "report_lang_off", 0) \
	X(W_REPORT_LANG_MERGED, "report_lang_merged", 0) \
	X(W_REPORT_LANG_EQUITY, "report_lang_equity", 0) \
	X(W_REPORT_LANG_GROUP, "report_lang_group", 0) \
	X(W_REPORT_LANG_IDEAS_PER, "report_lang_ideas_per", 0) \
	X(W_REPORT_LANG_DOTS_PER, "report_lang_dots_per", 0) \
	X(W_REPORT_LANG_RESULTS, "report_lang_results", 0) \
	X(W_REPORT_LANG_ITEM, "report_lang_item", 0) \
	X(W_REPORT_UNKNOWN_LANG, "report_unknown_lang", 0) \
	X(W_REPORT_NAME, "report_name", 0) \
	X(W_REPORT_JOINED, "report_joined", 0) \
	X(W_REPORT_NR, "report_nr", 0) \
	X(W_REPORT_TIMELINE, "report_timeline", 0) \
	X(W_REPORT_IDEAS_PER, "report_ideas_per", 1) \
	X(W_REPORT_NO_TIMELINE, "report_no_timeline", 0) \
	X(W_REPORT_MODERATION, "report_moderation", 0) \
	X(W_REPORT_ACTION, "report_action", 0) \
	X(W_REPORT_DETAIL, "report_detail", 0) \
	X(W_REPORT_NO_MODERATION, "report_no_moderation", 0) \
	X(W_REPORT_ACT_RESTORE, "report_act_restore", 0) \
	X(W_REPORT_ACT_MERGE, "report_act_merge", 0) \
	/* screened ideas (the reasons are the phone's words: the author read the same) */ \
	X(W_REPORT_SCR_ACT_APPROVE, "report_scr_act_approve", 0) \
	X(W_REPORT_SCR_ACT_REJECT, "report_scr_act_reject", 0) \
	X(W_REPORT_SCR_SUMMARY, "report_scr_summary", 0) \
	X(W_REPORT_SCR_NOT_SHOWN, "report_scr_not_shown", 0) \
	X(W_REPORT_SCR_WAITING, "report_scr_waiting", 0) \
	X(W_REPORT_SCR_CSV, "report_scr_csv", 0) \
	X(W_REPORT_SCR_CSV_NOTE, "report_scr_csv_note", 0) \
	X(W_REPORT_SCR_NOTE, "report_scr_note", 0) \
	X(W_SCR_REASON_OFF_TOPIC, "scr_off_topic_why", 0) \
	X(W_SCR_REASON_DUPLICATE, "scr_duplicate_why", 0) \
	X(W_SCR_REASON_PERSONAL, "scr_personal_why", 0) \
	X(W_SCR_REASON_HURTFUL, "scr_hurtful_why", 0) \
	X(W_SCR_REASON_UNCLEAR, "scr_unclear_why", 0) \
	X(W_SCR_REASON_OTHER, "scr_other_why", 0) \
	X(W_REPORT_LOG_BEFORE, "report_log_before", 0) \
	X(W_REPORT_AFTER, "report_after", 0) \
	X(W_REPORT_INTO, "report_into", 0) \
	X(W_REPORT_PEOPLE, "report_people", 0) \
	X(W_REPORT_SOURCE, "report_source", 0) \
	X(W_REPORT_MADE_BY, "report_made_by", 0) \
	X(W_REPORT_DURATION_M, "report_duration_m", 0) \
	X(W_REPORT_DURATION_H, "report_duration_h", 0) \
	X(W_REPORT_DURATION_HM, "report_duration_hm", 0) \
	X(W_REPORT_UNDER_A_MINUTE, "report_under_a_minute", 0) \
	X(W_REPORT_ACTIVITY, "report_activity", 0) \
	X(W_REPORT_HIDDEN_TIME, "report_hidden_time", 0) \
	X(W_REPORT_TIME_UTC, "report_time_utc", 0) \
	X(W_REPORT_CATEGORY, "report_category", 0) \
	X(W_REPORT_MERGED_INTO_NR, "report_merged_into_nr", 0) \
	X(W_REPORT_BY_FACILITATOR, "report_by_facilitator", 0) \
	X(W_REPORT_YES, "report_yes", 0) \
	X(W_REPORT_NO, "report_no", 0) \
	X(W_REPORT_OVERVIEW, "report_overview", 0) \
	X(W_REPORT_OVERVIEW_OF, "report_overview_of", 0) \
	X(W_REPORT_MEETING, "report_meeting", 0) \
	X(W_REPORT_FILE, "report_file", 0) \
	X(W_REPORT_TOP, "report_top", 0) \
	X(W_REPORT_NO_VOTE, "report_no_vote", 0) \
	X(W_REPORT_MEETINGS, "report_meetings", 0) \
	X(W_REPORT_CATEGORY_NOTE, "report_category_note", 0) \
	X(W_REPORT_NO_CATEGORIES, "report_no_categories", 0) \
	X(W_REPORT_SKIPPED, "report_skipped", 0) \
	X(W_REPORT_TEMPLATE, "report_template", 0) \
	X(W_REPORT_NOT_SESSION, "report_not_session", 0) \
	X(W_REPORT_NO_SESSIONS, "report_no_sessions", 0) \
	X(W_REPORT_DATE_FORMAT, "report_date_format", 0) \
	X(W_REPORT_DAY_TIME, "report_day_time", 0) \
	X(W_REPORT_MONTH_1, "report_month_1", 0) \
	X(W_REPORT_MONTH_2, "report_month_2", 0) \
	X(W_REPORT_MONTH_3, "report_month_3", 0) \
	X(W_REPORT_MONTH_4, "report_month_4", 0) \
	X(W_REPORT_MONTH_5, "report_month_5", 0) \
	X(W_REPORT_MONTH_6, "report_month_6", 0) \
	X(W_REPORT_MONTH_7, "report_month_7", 0) \
	X(W_REPORT_MONTH_8, "report_month_8", 0) \
	X(W_REPORT_MONTH_9, "report_month_9", 0) \
	X(W_REPORT_MONTH_10, "report_month_10", 0) \
	X(W_REPORT_MONTH_11, "report_month_11", 0) \
	X(W_REPORT_MONTH_12, "report_month_12", 0) \
	X(W_REPORT_LANG_SV, "report_lang_sv", 0) \
	X(W_REPORT_LANG_EN, "report_lang_en", 0) \
	X(W_REPORT_LANG_AR, "report_lang_ar", 0) \
	X(W_REPORT_LANG_FA, "report_lang_fa", 0) \
	X(W_REPORT_LANG_PRS, "report_lang_prs", 0) \
	X(W_REPORT_LANG_PS, "report_lang_ps", 0) \
	X(W_REPORT_LANG_TI, "report_lang_ti", 0) \
	X(W_REPORT_LANG_AM, "report_lang_am", 0) \
	X(W_REPORT_LANG_SO, "report_lang_so", 0) \
	X(W_REPORT_LANG_KU, "report_lang_ku", 0) \
	X(W_REPORT_LANG_CKB, "report_lang_ckb", 0) \
	X(W_REPORT_LANG_KMR, "report_lang_kmr", 0) \
	X(W_REPORT_LANG_TR, "report_lang_tr", 0) \
	X(W_REPORT_LANG_UK, "report_lang_uk", 0) \
	X(W_REPORT_LANG_RU, "report_lang_ru", 0) \
	X(W_REPORT_LANG_PL, "report_lang_pl", 0) \
	X(W_REPORT_LANG_BS, "report_lang_bs", 0) \
	X(W_REPORT_LANG_SR, "report_lang_sr", 0) \
	X(W_REPORT_LANG_HR, "report_lang_hr", 0) \
	X(W_REPORT_LANG_SQ, "report_lang_sq", 0) \
	X(W_REPORT_LANG_RO, "report_lang_ro", 0) \
	X(W_REPORT_LANG_ES, "report_lang_es", 0) \
	X(W_REPORT_LANG_FR, "report_lang_fr", 0) \
	X(W_REPORT_LANG_DE, "report_lang_de", 0) \
	X(W_REPORT_LANG_FI, "report_lang_fi", 0) \
	X(W_REPORT_LANG_UR, "report_lang_ur", 0) \
	X(W_REPORT_LANG_HI, "report_lang_hi", 0) \
	X(W_REPORT_LANG_BN, "report_lang_bn", 0) \
	X(W_REPORT_LANG_TH, "report_lang_th", 0) \
	X(W_REPORT_LANG_VI, "report_lang_vi", 0) \
	X(W_REPORT_LANG_ZH, "report_lang_zh", 0) \
	X(W_REPORT_LANG_MY, "report_lang_my", 0) \
	X(W_REPORT_LANG_SW, "report_lang_sw", 0) \
	X(W_REPORT_LANG_SE, "report_lang_se", 0) \
	X(W_REPORT_LANG_FIT, "report_lang_fit", 0) \
	X(W_REPORT_LANG_ROM, "report_lang_rom", 0) \
	X(W_REPORT_LANG_YI, "report_lang_yi", 0) \
	/* issue 18 in the reports: renderings, photos, the needs-interpreting mark, signals, --table */ \
	X(W_REPORT_PHOTO, "report_photo", 0) \
	X(W_REPORT_PHOTOS, "report_photos", 0) \
	X(W_REPORT_PHOTO_FILE, "report_photo_file", 0) \
	X(W_REPORT_PHOTO_MISSING, "report_photo_missing", 0) \
	X(W_REPORT_PHOTO_DAMAGED, "report_photo_damaged", 0) \
	X(W_REPORT_RENDERINGS, "report_renderings", 0) \
	X(W_REPORT_RENDERING_BY, "report_rendering_by", 0) \
	X(W_REPORT_CSV_RENDERING, "report_csv_rendering", 0) \
	X(W_REPORT_CSV_RENDERING_BY, "report_csv_rendering_by", 0) \
	X(W_REPORT_INTERPRET, "report_interpret", 0) \
	X(W_REPORT_SIGNALS, "report_signals", 0) \
	X(W_REPORT_SIGNAL_INTERPRET, "report_signal_interpret", 0) \
	X(W_REPORT_SIGNAL_SLOWER, "report_signal_slower", 0) \
	X(W_REPORT_SIGNAL_UNCLEAR, "report_signal_unclear", 0) \
	X(W_REPORT_SIGNALS_NOTE, "report_signals_note", 0) \
	X(W_REPORT_LAST, "report_last", 0) \
	X(W_HOST_REPORT_TABLE, "host_report_table", 0) \
	X(W_TBL_TABLE, "tbl_table", 0) \
	X(W_TBL_TABLE_N, "tbl_table_n", 0) \
	X(W_TBL_NO_TABLE, "tbl_no_table", 0) \
	X(W_TBL_ROUND, "tbl_round", 0) \
	X(W_TBL_ROUND_N, "tbl_round_n", 0) \
	X(W_TBL_FORWARD, "tbl_forward", 0) \
	X(W_TBL_BY_TABLE, "tbl_by_table", 0) \
	X(W_TBL_WHOLE_ROOM, "tbl_whole_room", 0) \
	X(W_CNS_KIND, "cns_kind", 0) \
	X(W_BOARD_CNS_ANSWERED, "board_cns_answered", 0) \
	X(W_BOARD_CNS_VOTED, "board_cns_voted", 0) \
	X(W_BOARD_CNS_POSTED, "board_cns_posted", 0) \
	X(W_BOARD_CNS_EARLIER, "board_cns_earlier", 0) \
	X(W_BOARD_CNS_YES, "board_cns_yes", 0) \
	X(W_BOARD_CNS_LIVE, "board_cns_live", 0) \
	X(W_BOARD_CNS_CONCERN, "board_cns_concern", 0) \
	X(W_BOARD_CNS_OBJECTION, "board_cns_objection", 0) \
	X(W_BOARD_CNS_MT_QUESTION, "board_cns_mt_question", 0) \
	X(W_BOARD_CNS_MT_DONE, "board_cns_mt_done", 0) \
	X(W_BOARD_CNS_MT_LITTLE, "board_cns_mt_little", 0) \
	X(W_BOARD_CNS_MT_MORE, "board_cns_mt_more", 0) \
	X(W_BOARD_CNS_ROUND, "board_cns_round", 0) \
	X(W_REPORT_CNS_ROUND, "report_cns_round", 0) \
	X(W_REPORT_CNS_COUNTS, "report_cns_counts", 0) \
	X(W_REPORT_CNS_REASONS, "report_cns_reasons", 0) \
	X(W_REPORT_CNS_IN_PERSON, "report_cns_in_person", 0) \
	X(W_REPORT_CNS_PHOTO, "report_cns_photo", 0) \
	X(W_REPORT_CNS_MORETIME, "report_cns_moretime", 0) \
	X(W_REPORT_CNS_PROGRESS, "report_cns_progress", 0) \
	/* actions (issue 20) */ \
	X(W_ACT_KIND, "act_kind", 0) \
	X(W_BOARD_ACT_ACTION, "board_act_action", 0) \
	X(W_BOARD_ACT_WHO, "board_act_who", 0) \
	X(W_BOARD_ACT_DUE, "board_act_due", 0) \
	X(W_BOARD_ACT_STATUS, "board_act_status", 0) \
	X(W_BOARD_ACT_PLANNED, "board_act_planned", 0) \
	X(W_BOARD_ACT_STARTED, "board_act_started", 0) \
	X(W_BOARD_ACT_DONE, "board_act_done", 0) \
	X(W_BOARD_ACT_DROPPED, "board_act_dropped", 0) \
	X(W_BOARD_ACT_NONE, "board_act_none", 0) \
	X(W_BOARD_ACT_NOBODY, "board_act_nobody", 0) \
	X(W_BOARD_ACT_OFFER, "board_act_offer", 0) \
	X(W_REPORT_ACT_NR, "report_act_nr", 0) \
	X(W_REPORT_ACT_NOTE, "report_act_note", 0) \
	X(W_REPORT_ACT_FROM, "report_act_from", 0) \
	X(W_REPORT_ACT_CHANGES, "report_act_changes", 0) \
	X(W_REPORT_ACT_N, "report_act_n", 1) \
	/* paper counts and printed sheets (issue 20) */ \
	X(W_BOARD_PAP_OF, "board_pap_of", 0) \
	X(W_REPORT_PAP_OF, "report_pap_of", 0) \
	X(W_REPORT_PAP_LOG, "report_pap_log", 0) \
	X(W_REPORT_PAP_BATCH, "report_pap_batch", 0) \
	X(W_REPORT_PAP_CORRECTION, "report_pap_correction", 0) \
	X(W_REPORT_PAP_REPLACED, "report_pap_replaced", 0) \
	X(W_REPORT_PAP_TABLE, "report_pap_table", 0) \
	X(W_REPORT_PAP_NO_TABLE, "report_pap_no_table", 0) \
	X(W_REPORT_PAP_CSV, "report_pap_csv", 0) \
	X(W_REPORT_PAP_SHEETS, "report_pap_sheets", 0) \
	X(W_REPORT_PAP_IDEA_SHEET, "report_pap_idea_sheet", 0) \
	X(W_REPORT_PAP_IDEA_HOWTO, "report_pap_idea_howto", 0) \
	X(W_REPORT_PAP_VOTE_SHEET, "report_pap_vote_sheet", 0) \
	X(W_REPORT_PAP_VOTE_HOWTO, "report_pap_vote_howto", 0) \
	X(W_REPORT_PAP_POLL_SHEET, "report_pap_poll_sheet", 0) \
	X(W_REPORT_PAP_POLL_HOWTO, "report_pap_poll_howto", 0) \
	X(W_REPORT_PAP_TABLE_BLANK, "report_pap_table_blank", 0) \
	X(W_REPORT_PAP_NR, "report_pap_nr", 0) \
	X(W_REPORT_PAP_DOTS, "report_pap_dots", 0) \
	X(W_REPORT_PAP_BY_NUMBER, "report_pap_by_number", 0) \
	X(W_REPORT_PAP_FOOTER, "report_pap_footer", 0) \
	X(W_REPORT_PAP_NOTHING, "report_pap_nothing", 0)

enum word_id {
#define WORDS_ENUM(id, key, plural) id,
	WORDS(WORDS_ENUM)
#undef WORDS_ENUM
	W_COUNT
};

/* The key of an id, and whether it has plural forms. */
const char *words_key(enum word_id id);
int words_is_plural(enum word_id id);

/* The CLDR plural category of the whole number n in lang ("zero", "one", "two", "few",
 * "many" or "other"); the same rule as plural() in participant-web/app.js. A language not
 * in the catalogue follows English. No I/O. */
const char *words_plural(const char *lang, long n);

/* 1 when lang is one of the catalogue's languages (exactly "sv", "en", ...). */
int words_known(const char *lang);

/* The catalogue's language for a language tag ("sv-SE" is "sv", "EN" is "en") into out and
 * returned; a tag the catalogue has no words for gets English, the widest read in a room of
 * many languages. No I/O. */
const char *words_lang_for(const char *tag, char *out, size_t len);

/* One language's catalogue, loaded. Opaque; the caller owns it (words_free). */
struct words;

/* Load lang's catalogue from the program's home folder (the one holding participant-web/ and
 * assets/). Every id is looked up once; a key missing in
 * the file falls back to English, and a key missing there too to the key itself,
 * so a gap shows as a key name, never as a crash. Returns NULL and fills err for an unknown
 * language or a file that cannot be read or is not a JSON object. Reads files; allocates. */
struct words *words_load(const char *home, const char *lang, char *err, size_t errlen);
void words_free(struct words *s);

/* The language a catalogue was loaded for ("sv", ...). */
const char *words_lang(const struct words *s);

/* The string of a plain id. Valid while s lives. */
const char *word(const struct words *s, enum word_id id);

/* The form of a plural id for the count n: key_none for 0 when there is one, else the
 * language's category for n, else key_other. Valid while s lives. */
const char *word_form(const struct words *s, enum word_id id, long n);

/* Write tmpl into out (cap bytes, always terminated) with each {name} replaced by the value
 * of that name in names/values[0..count); an unknown {name} is kept as written. Returns the
 * length written. */
size_t word_expand(char *out, size_t cap, const char *tmpl, size_t count,
                  const char *const *names, const char *const *values);

/* word_form(s, id, n) with {n} replaced by n (and {i} by i); the board's and report's common
 * case. Returns out. */
char *word_n(char *out, size_t cap, const struct words *s, enum word_id id, long n);
char *word_ni(char *out, size_t cap, const char *tmpl, long n, long i);

/* The string of id with its {name}s filled from the pairs that follow: name, value, ...,
 * NULL (values are strings). word_fill_n takes a plural id's form for n and fills {n} too.
 * Returns out (cap bytes, always terminated). No I/O. */
char *word_fill(char *out, size_t cap, const struct words *s, enum word_id id, ...)
	__attribute__((sentinel));
char *word_fill_n(char *out, size_t cap, const struct words *s, enum word_id id, long n, ...)
	__attribute__((sentinel));

/* Print the string of id, filled as word_fill does, to f as one line after lead (the host
 * passes "medskapa: " for its messages, "  " for the indented start-up lines, "" for none);
 * words_say_n as word_fill_n. The host's terminal lines all go through here. */
void words_say(FILE *f, const char *lead, const struct words *s, enum word_id id, ...)
	__attribute__((sentinel));
void words_say_n(FILE *f, const char *lead, const struct words *s, enum word_id id, long n, ...)
	__attribute__((sentinel));

#endif
