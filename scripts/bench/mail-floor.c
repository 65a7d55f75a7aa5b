/* The floor under quire's mbox ingest: GMime and libxml2 alone, doing the least any reader
 * of these emails must do. Each message of the mbox (split at its "From " lines) is parsed
 * by GMime, its text/html part decoded to UTF-8 (quoted-printable or base64, any charset),
 * and that HTML parsed by libxml2's HTML parser into a tree with quire's options, then
 * freed. Nothing is walked, no sections or links are made. Same threads as quire (one per
 * core), each taking the next message, and the same allocator (jemalloc).
 *
 *   mail-floor THREADS MBOX [--sax]   prints the messages and the HTML bytes parsed
 *
 * --sax: libxml2 tokenizes only, calling SAX callbacks that do nothing (builds no tree).
 *
 * Built and run by scripts/bench-mail-feed; not part of quire. */
#include <fcntl.h>
#include <gmime/gmime.h>
#include <libxml/HTMLparser.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include "workers.h"

static const char *text;
static size_t *starts; /* where each message starts; starts[count] is the end */
static size_t count;
static size_t next_message;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
/* 1: libxml2 only tokenizes, with SAX callbacks that do nothing (no tree). */
static int sax_only;
static htmlSAXHandler empty_handler;

/* The first text/html part under `object`, if any. */
static GMimeTextPart *html_part(GMimeObject *object) {
    if (GMIME_IS_MULTIPART(object)) {
        GMimeMultipart *multipart = (GMimeMultipart *)object;
        int n = g_mime_multipart_get_count(multipart);
        for (int i = 0; i < n; i++) {
            GMimeTextPart *found = html_part(g_mime_multipart_get_part(multipart, i));
            if (found) return found;
        }
        return NULL;
    }
    if (GMIME_IS_TEXT_PART(object)) {
        GMimeContentType *type = g_mime_object_get_content_type(object);
        if (g_mime_content_type_is_type(type, "text", "html")) return (GMimeTextPart *)object;
    }
    return NULL;
}

static void *work(void *unused) {
    long bytes = 0;
    int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                  HTML_PARSE_NONET | HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC |
                  HTML_PARSE_NOBLANKS;
    for (;;) {
        pthread_mutex_lock(&lock);
        size_t index = next_message++;
        pthread_mutex_unlock(&lock);
        if (index >= count) break;
        /* The message without its "From " line. */
        const char *start = text + starts[index];
        const char *end = text + starts[index + 1];
        const char *newline = memchr(start, '\n', end - start);
        if (newline) start = newline + 1;
        GMimeStream *stream = g_mime_stream_mem_new_with_buffer(start, end - start);
        GMimeParser *parser = g_mime_parser_new_with_stream(stream);
        GMimeMessage *message = g_mime_parser_construct_message(parser, NULL);
        if (message) {
            GMimeTextPart *part = html_part(g_mime_message_get_mime_part(message));
            if (part) {
                /* Decoded from its transfer encoding; converted only when not UTF-8 or
                 * ASCII already (as quire does: iconv from UTF-8 to UTF-8 is work no
                 * reader needs). */
                const char *charset = g_mime_text_part_get_charset(part);
                char *html;
                size_t size;
                if (!charset || !g_ascii_strcasecmp(charset, "utf-8") ||
                    !g_ascii_strcasecmp(charset, "us-ascii")) {
                    GByteArray *array = g_byte_array_new();
                    GMimeStream *out = g_mime_stream_mem_new_with_byte_array(array);
                    g_mime_stream_mem_set_owner((GMimeStreamMem *)out, FALSE);
                    g_mime_data_wrapper_write_to_stream(
                        g_mime_part_get_content((GMimePart *)part), out);
                    g_object_unref(out);
                    size = array->len;
                    html = (char *)g_byte_array_free(array, FALSE);
                } else {
                    html = g_mime_text_part_get_text(part);
                    size = html ? strlen(html) : 0;
                }
                if (html) {
                    if (sax_only) {
                        htmlParserCtxtPtr context =
                            htmlCreateMemoryParserCtxt(html, (int)size);
                        htmlSAXHandler *saved = (htmlSAXHandler *)context->sax;
                        context->sax = &empty_handler;
                        context->userData = NULL;
                        htmlCtxtUseOptions(context, options);
                        htmlParseDocument(context);
                        context->sax = (xmlSAXHandler *)saved;
                        if (context->myDoc) xmlFreeDoc(context->myDoc);
                        htmlFreeParserCtxt(context);
                    } else {
                        htmlDocPtr document =
                            htmlReadMemory(html, (int)size, NULL, "UTF-8", options);
                        if (document) xmlFreeDoc(document);
                    }
                    bytes += size;
                    g_free(html);
                }
            }
            g_object_unref(message);
        }
        g_object_unref(parser);
        g_object_unref(stream);
    }
    return (void *)bytes;
}

int main(int argc, char **argv) {
    if (argc == 4 && !strcmp(argv[3], "--sax")) {
        sax_only = 1;
        argc = 3;
    }
    if (argc != 3) { fprintf(stderr, "usage: mail-floor THREADS MBOX [--sax]\n"); return 2; }
    int threads = atoi(argv[1]);
    int fd = open(argv[2], O_RDONLY);
    struct stat info;
    if (fd < 0 || fstat(fd, &info) != 0) { perror(argv[2]); return 1; }
    size_t size = (size_t)info.st_size;
    text = mmap(NULL, size ? size : 1, PROT_READ, MAP_PRIVATE, fd, 0);
    if (text == MAP_FAILED) { perror(argv[2]); return 1; }
    /* Messages start at "From " at the start of the file or of a line. */
    size_t capacity = 1024;
    starts = malloc(sizeof(size_t) * capacity);
    for (size_t at = 0; at + 5 <= size;) {
        if (memcmp(text + at, "From ", 5) == 0) {
            if (count + 2 > capacity) starts = realloc(starts, sizeof(size_t) * (capacity *= 2));
            starts[count++] = at;
        }
        const char *newline = memchr(text + at, '\n', size - at);
        if (!newline) break;
        at = (size_t)(newline - text) + 1;
    }
    starts[count] = size;
    g_mime_init();
    xmlInitParser();
    long total = run_workers(threads, work);
    printf("%zu messages, %ld bytes of HTML\n", count, total);
    return 0;
}
