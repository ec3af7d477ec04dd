#include "rfc3339.h"

#include <cstdio>

namespace hostgraft {
namespace {

// Reads exactly `digits` decimal digits at *pos.
bool ReadNumber(std::string_view text, size_t* pos, int digits, int* value) {
  if (*pos + digits > text.size()) return false;
  int v = 0;
  for (int i = 0; i < digits; ++i) {
    char c = text[*pos + i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *pos += digits;
  *value = v;
  return true;
}

bool Expect(std::string_view text, size_t* pos, std::string_view choices) {
  if (*pos >= text.size() || choices.find(text[*pos]) == std::string_view::npos) return false;
  ++*pos;
  return true;
}

int DaysInMonth(int year, int month) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

}  // namespace

bool ParseRfc3339(std::string_view text, std::time_t* out) {
  size_t pos = 0;
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (!ReadNumber(text, &pos, 4, &year) || !Expect(text, &pos, "-") || !ReadNumber(text, &pos, 2, &month) ||
      !Expect(text, &pos, "-") || !ReadNumber(text, &pos, 2, &day) || !Expect(text, &pos, "Tt ") ||
      !ReadNumber(text, &pos, 2, &hour) || !Expect(text, &pos, ":") || !ReadNumber(text, &pos, 2, &minute) ||
      !Expect(text, &pos, ":") || !ReadNumber(text, &pos, 2, &second))
    return false;
  if (month < 1 || month > 12 || day < 1 || day > DaysInMonth(year, month) || hour > 23 || minute > 59 ||
      second > 60)  // 60: a leap second
    return false;

  if (pos < text.size() && text[pos] == '.') {
    size_t start = ++pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
    if (pos == start) return false;
  }

  int offset_seconds = 0;
  if (!Expect(text, &pos, "Zz")) {
    if (!Expect(text, &pos, "+-")) return false;
    int sign = text[pos - 1] == '-' ? -1 : 1;
    int offset_hour, offset_minute;
    if (!ReadNumber(text, &pos, 2, &offset_hour) || !Expect(text, &pos, ":") ||
        !ReadNumber(text, &pos, 2, &offset_minute) || offset_hour > 23 || offset_minute > 59)
      return false;
    offset_seconds = sign * (offset_hour * 3600 + offset_minute * 60);
  }
  if (pos != text.size()) return false;

  std::tm tm{};
  tm.tm_year = year - 1900;
  tm.tm_mon = month - 1;
  tm.tm_mday = day;
  tm.tm_hour = hour;
  tm.tm_min = minute;
  tm.tm_sec = second;
  *out = timegm(&tm) - offset_seconds;
  return true;
}

std::string FormatRfc3339(std::time_t t) {
  std::tm tm{};
  if (!gmtime_r(&t, &tm)) return {};
  char buf[64];  // fits any int year, so nothing is cut
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buf;
}

}  // namespace hostgraft
