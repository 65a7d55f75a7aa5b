#ifndef QUIRE_CGMIME_SHIM_H
#define QUIRE_CGMIME_SHIM_H
// GMime 3 (Debian libgmime-3.0-dev), for email. GObject's type checks and casts are
// macros, which Swift cannot call; the inline functions below stand in for the few quire
// needs.
#include <gmime/gmime.h>
#include <string.h>

static inline int quire_gmime_is_multipart(GMimeObject *object) {
    return GMIME_IS_MULTIPART(object);
}
static inline int quire_gmime_is_message_part(GMimeObject *object) {
    return GMIME_IS_MESSAGE_PART(object);
}
static inline int quire_gmime_is_text_part(GMimeObject *object) {
    return GMIME_IS_TEXT_PART(object);
}
static inline GMimeMultipart *quire_gmime_multipart(GMimeObject *object) {
    return GMIME_MULTIPART(object);
}
static inline GMimeMessagePart *quire_gmime_message_part(GMimeObject *object) {
    return GMIME_MESSAGE_PART(object);
}
static inline GMimeTextPart *quire_gmime_text_part(GMimeObject *object) {
    return GMIME_TEXT_PART(object);
}
static inline GMimeObject *quire_gmime_object(GMimeMessage *message) {
    return GMIME_OBJECT(message);
}
static inline int quire_gmime_is_part(GMimeObject *object) { return GMIME_IS_PART(object); }
static inline GMimePart *quire_gmime_part(GMimeObject *object) { return GMIME_PART(object); }
/// The address of a mailbox (`ana@example.org`); NULL for a group.
static inline const char *quire_internet_address_addr(InternetAddress *address) {
    if (!INTERNET_ADDRESS_IS_MAILBOX(address)) return NULL;
    return internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(address));
}
/// A part's content with its transfer encoding (base64, quoted-printable) undone and its
/// charset left as it is; a copy the caller frees with g_free, its length in `length`.
static inline unsigned char *quire_gmime_part_bytes(GMimePart *part, size_t *length) {
    *length = 0;
    GMimeDataWrapper *content = g_mime_part_get_content(part);
    if (content == NULL) return NULL;
    GMimeStream *stream = g_mime_stream_mem_new();
    g_mime_data_wrapper_write_to_stream(content, stream);
    GByteArray *array = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(stream));
    unsigned char *copy = g_malloc(array->len + 1);
    memcpy(copy, array->data, array->len);
    copy[array->len] = 0;
    *length = array->len;
    g_object_unref(stream);
    return copy;
}
static inline void quire_gmime_unref(void *object) { g_object_unref(object); }
#endif
