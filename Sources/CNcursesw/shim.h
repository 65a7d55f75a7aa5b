#ifndef QUIRE_CNCURSESW_SHIM_H
#define QUIRE_CNCURSESW_SHIM_H
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <langinfo.h>
#include <stdio.h>
#include <wchar.h>
#include <ncursesw/curses.h>
#include <ncursesw/term.h>

/* ncurses' attribute and size macros are not visible to Swift; these are. */
static const attr_t quire_attr_normal = A_NORMAL;
static const attr_t quire_attr_bold = A_BOLD;
static const attr_t quire_attr_dim = A_DIM;
static const attr_t quire_attr_underline = A_UNDERLINE;
static const attr_t quire_attr_reverse = A_REVERSE;

static inline int quire_columns(void) { return COLS; }
static inline int quire_lines(void) { return LINES; }
static inline int quire_colors(void) { return COLORS; }
static inline int quire_color_pairs(void) { return COLOR_PAIRS; }
static inline WINDOW *quire_stdscr(void) { return stdscr; }
static inline FILE *quire_stdin(void) { return stdin; }
static inline FILE *quire_stdout(void) { return stdout; }
static inline const char *quire_codeset(void) { return nl_langinfo(CODESET); }
/* Columns libc (and so ncurses) gives a character in the current locale; -1 if unknown. */
static inline int quire_wcwidth(unsigned int value) { return wcwidth((wchar_t)value); }

/* The mouse events quire asks for, and how they are told apart. */
static const mmask_t quire_button1_pressed = BUTTON1_PRESSED;
static const mmask_t quire_button1_released = BUTTON1_RELEASED;
static const mmask_t quire_button3_pressed = BUTTON3_PRESSED;
static const mmask_t quire_button4_pressed = BUTTON4_PRESSED;
#ifdef BUTTON5_PRESSED
static const mmask_t quire_button5_pressed = BUTTON5_PRESSED;
#else
static const mmask_t quire_button5_pressed = 0;
#endif

/* 1 when `term` names a terminal in the terminfo database; leaves no terminal set up. */
static inline int quire_terminal_known(const char *term) {
    int error = 0;
    TERMINAL *saved = cur_term;
    if (setupterm(term, 1, &error) != OK) return 0;
    del_curterm(cur_term);
    cur_term = saved;
    return 1;
}
#endif
