/* LD_PRELOAD'ed into hostgraft by tests/old_curl_test.cc: makes the system
   libcurl answer like libcurl 7.76 (RHEL 9), which knows neither
   CURLOPT_PROTOCOLS_STR nor CURLOPT_CAINFO_BLOB. Every other option goes to
   the real curl_easy_setopt. With OLD_CURL_SHIM_LOG set, each option that
   reaches libcurl is appended there as "NUMBER VALUE" (longs and strings),
   so the test sees what the fallback handed over. With
   OLD_CURL_SHIM_NO_PROTOCOLS set, CURLOPT_PROTOCOLS is unknown too. */
#define _GNU_SOURCE
/* curl.h would make curl_easy_setopt a type-checking macro. */
#define CURL_DISABLE_TYPECHECK
/* It refuses CURLOPT_PROTOCOLS, deprecated since 7.85, on request. */
#define CURL_DISABLE_DEPRECATION
#include <curl/curl.h>
#include <dlfcn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

typedef CURLcode (*setopt_fn)(CURL*, CURLoption, ...);

static setopt_fn real_setopt(void) {
  /* The Vault module loads libcurl RTLD_LOCAL: RTLD_NEXT would not see it. */
  void* curl = dlopen("libcurl.so.4", RTLD_NOW | RTLD_NOLOAD);
  return curl ? (setopt_fn)dlsym(curl, "curl_easy_setopt") : NULL;
}

static void log_option(CURLoption option, const char* text, long number) {
  const char* path = getenv("OLD_CURL_SHIM_LOG");
  FILE* f = path ? fopen(path, "a") : NULL;
  if (!f) return;
  if (text) fprintf(f, "%d %s\n", (int)option, text);
  else fprintf(f, "%d %ld\n", (int)option, number);
  fclose(f);
}

CURLcode curl_easy_setopt(CURL* easy, CURLoption option, ...) {
  if (option == CURLOPT_PROTOCOLS_STR || option == CURLOPT_REDIR_PROTOCOLS_STR || option == CURLOPT_CAINFO_BLOB ||
      (option == CURLOPT_PROTOCOLS && getenv("OLD_CURL_SHIM_NO_PROTOCOLS")))
    return CURLE_UNKNOWN_OPTION;
  setopt_fn real = real_setopt();
  if (!real) return CURLE_FAILED_INIT;
  va_list args;
  va_start(args, option);
  CURLcode result;
  /* The argument's type follows from the option's number (curl.h). */
  if (option < CURLOPTTYPE_OBJECTPOINT) {
    long value = va_arg(args, long);
    log_option(option, NULL, value);
    result = real(easy, option, value);
  } else if (option >= CURLOPTTYPE_OFF_T && option < CURLOPTTYPE_BLOB) {
    result = real(easy, option, va_arg(args, curl_off_t));
  } else {
    void* value = va_arg(args, void*);
    if (option == CURLOPT_CAINFO || option == CURLOPT_CAPATH) log_option(option, value ? (const char*)value : "NULL", 0);
    result = real(easy, option, value);
  }
  va_end(args);
  return result;
}
