/* The floor under quire's Markdown ingest: md4c alone, with quire's parser flags and
 * callbacks that do nothing but count text bytes, over the same files on the same number
 * of threads quire uses (one per core). Whatever quire spends beyond this is its own work:
 * reading files, building sections and links, ids, kinds.
 *
 *   md4c-floor THREADS FILE...      prints the text bytes md4c reported
 *
 * Built and run by scripts/bench-ingest; not part of quire. */
#include <md4c.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include "workers.h"

static char **files;
static int file_count;
static int next_file;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static int on_block(MD_BLOCKTYPE type, void *detail, void *user) { return 0; }
static int on_span(MD_SPANTYPE type, void *detail, void *user) { return 0; }
static int on_text(MD_TEXTTYPE type, const MD_CHAR *text, MD_SIZE size, void *user) {
    *(long *)user += size;
    return 0;
}

static void *work(void *unused) {
    long bytes = 0;
    /* quire's flags: see MarkdownReader.flags. */
    MD_PARSER parser = {0, MD_FLAG_PERMISSIVEEMAILAUTOLINKS, on_block, on_block, on_span,
                        on_span, on_text, NULL, NULL};
    for (;;) {
        pthread_mutex_lock(&lock);
        int index = next_file++;
        pthread_mutex_unlock(&lock);
        if (index >= file_count) break;
        FILE *file = fopen(files[index], "rb");
        if (!file) { perror(files[index]); exit(1); }
        fseek(file, 0, SEEK_END);
        long size = ftell(file);
        fseek(file, 0, SEEK_SET);
        char *text = malloc(size > 0 ? size : 1);
        if (fread(text, 1, size, file) != (size_t)size) { perror(files[index]); exit(1); }
        fclose(file);
        md_parse(text, (MD_SIZE)size, &parser, &bytes);
        free(text);
    }
    return (void *)bytes;
}

int main(int argc, char **argv) {
    if (argc < 3) { fprintf(stderr, "usage: md4c-floor THREADS FILE...\n"); return 2; }
    int threads = atoi(argv[1]);
    files = argv + 2;
    file_count = argc - 2;
    long total = run_workers(threads, work);
    printf("%ld\n", total);
    return 0;
}
