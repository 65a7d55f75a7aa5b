/* Shared by the benchmark floors: runs `work` on `threads` threads (1 to 64) and adds up
 * the counts they return. */
#include <pthread.h>

static long run_workers(int threads, void *(*work)(void *)) {
    if (threads < 1 || threads > 64) threads = 1;
    pthread_t workers[64];
    for (int i = 0; i < threads; i++) pthread_create(&workers[i], NULL, work, NULL);
    long total = 0;
    for (int i = 0; i < threads; i++) {
        void *count;
        pthread_join(workers[i], &count);
        total += (long)count;
    }
    return total;
}
