#include "hosts.h"

#include <catch2/catch.hpp>

namespace hostgraft {
namespace {

std::string Why(std::string_view host) {
  std::string why;
  CHECK_FALSE(IsValidDnsName(host, &why));
  return why;
}

TEST_CASE("IsValidDnsName accepts lower-case RFC 1123 names", "[hosts]") {
  CHECK(IsValidDnsName("keycloak.example.com", nullptr));
  CHECK(IsValidDnsName("officer-portal-reg-a.apps.cluster.example.com", nullptr));
  CHECK(IsValidDnsName("localhost", nullptr));
  CHECK(IsValidDnsName("1st.example.com", nullptr));
  CHECK(IsValidDnsName(std::string(59, 'a') + ".com", nullptr));  // exactly 63
}

TEST_CASE("IsValidDnsName says why a name is refused", "[hosts]") {
  CHECK(Why("") == "it is empty");
  CHECK(Why(std::string(60, 'a') + ".com") == "it has 64 characters, more than the 63 allowed");
  CHECK(Why("keycloak.example.com.") == "it ends with a dot");
  CHECK(Why("*.example.com") == "wildcards are not allowed");
  CHECK(Why("Keycloak.example.com") == "it has upper-case letters");
  CHECK(Why("10.0.0.1") == "it is an IP address, not a DNS name");
  CHECK(Why("127.1") == "it is an IP address, not a DNS name");
  CHECK(Why("::1") == "it is an IP address, not a DNS name");
  CHECK(Why("a..example.com") == "it has an empty label (two dots in a row or a leading dot)");
  CHECK(Why(".example.com") == "it has an empty label (two dots in a row or a leading dot)");
  CHECK(Why("key_cloak.example.com") ==
        "label \"key_cloak\" has the character '_'; only a-z, 0-9 and '-' are allowed");
  CHECK(Why("https://example.com") == "it is a URL; write only its host name");
  CHECK(Why("https://admin:pw@example.com/") == "it is a URL; write only its host name");
  CHECK(Why("admin:pw@example.com") == "it has userinfo (user@ or user:password@)");
  CHECK(Why("example.com:8443") == "it has a port; write only the host name");
  CHECK(Why("\xD0\xBA\xD0\xB5\xD0\xB9.example.com") ==
        "it has non-ASCII characters; write an internationalised name in its xn-- (punycode) form");
  CHECK(Why("-a.example.com") == "label \"-a\" begins or ends with '-'");
  CHECK(Why("a-.example.com") == "label \"a-\" begins or ends with '-'");
  CHECK_FALSE(IsValidDnsName("a b.com", nullptr));
}

TEST_CASE("HidingUserinfo keeps a password out of messages", "[hosts]") {
  CHECK(HidingUserinfo("https://admin:pw@example.com/") == "https://***@example.com/");
  CHECK(HidingUserinfo("admin:pw@example.com") == "***@example.com");
  CHECK(HidingUserinfo("a@b@example.com") == "***@example.com");
  CHECK(HidingUserinfo("example.com") == "example.com");
}

TEST_CASE("ParseUrl splits a URL into its parts as written", "[hosts]") {
  std::optional<Url> url = ParseUrl("https://user:pw@Keycloak.Example.com:8443/auth/realms/x?a=b#f");
  REQUIRE(url);
  CHECK(url->scheme == "https");
  CHECK(url->userinfo == "user:pw");
  CHECK(url->host == "Keycloak.Example.com");
  CHECK(url->port == "8443");
  CHECK(url->path_and_rest == "/auth/realms/x?a=b#f");

  url = ParseUrl("http://d.example.com");
  REQUIRE(url);
  CHECK(url->host == "d.example.com");
  CHECK(url->port.empty());
  CHECK(url->path_and_rest.empty());

  url = ParseUrl("https://d.example.com?next=https://other.com/");
  REQUIRE(url);
  CHECK(url->host == "d.example.com");
  CHECK(url->path_and_rest == "?next=https://other.com/");

  url = ParseUrl("https://[::1]:8200/v1");
  REQUIRE(url);
  CHECK(url->host == "[::1]");
  CHECK(url->port == "8200");

  CHECK_FALSE(ParseUrl("d.example.com/auth"));
  CHECK_FALSE(ParseUrl("://d.example.com/"));
  CHECK_FALSE(ParseUrl("https:///auth"));
  CHECK_FALSE(ParseUrl("https://d.example.com:http/"));
  CHECK_FALSE(ParseUrl("https://[::1/"));
  CHECK_FALSE(ParseUrl("1http://d.example.com/"));
}

TEST_CASE("UrlIsOnHost compares the host only, ignoring case", "[hosts]") {
  const std::string d = "platform-keycloak.apps.example.com";
  CHECK(UrlIsOnHost("https://" + d + "/auth/realms/reg-a-officer-portal", d));
  CHECK(UrlIsOnHost("https://" + d + ":443/auth/realms/x", d));
  CHECK(UrlIsOnHost("https://user@" + d + "/", d));
  CHECK(UrlIsOnHost("http://PLATFORM-Keycloak.apps.example.com", d));
  CHECK(UrlIsOnHost("https://" + d + "?x", d));
  CHECK_FALSE(UrlIsOnHost("https://" + d + ".evil.com/", d));
  CHECK_FALSE(UrlIsOnHost("https://evil.com/" + d, d));
  CHECK_FALSE(UrlIsOnHost("https://" + d + "@evil.com/", d));
  CHECK_FALSE(UrlIsOnHost("https://x" + d + "/", d));
  CHECK_FALSE(UrlIsOnHost(d + "/auth", d));
  CHECK_FALSE(UrlIsOnHost("", d));
}

TEST_CASE("ReplaceUrlHost keeps every other byte", "[hosts]") {
  CHECK(ReplaceUrlHost("https://d.example.com:443/auth/realms/a?x=%2F#top", "k.example.com") ==
        "https://k.example.com:443/auth/realms/a?x=%2F#top");
  CHECK(ReplaceUrlHost("https://user@D.Example.com/", "k.example.com") == "https://user@k.example.com/");
  CHECK(ReplaceUrlHost("HTTPS://d.example.com", "k.example.com") == "HTTPS://k.example.com");
  CHECK(ReplaceUrlHost("not a url", "k.example.com") == "not a url");
}

TEST_CASE("GeneratedName dashes the host and fits long ones into 63 characters", "[hosts]") {
  CHECK(HostDashed("keycloak.example.com") == "keycloak-example-com");
  CHECK(GeneratedName("hostgraft", "keycloak.example.com") == "hostgraft-keycloak-example-com");
  // 10 + 53 = 63 characters: no hash yet.
  std::string fits = std::string(49, 'a') + ".com";
  CHECK(GeneratedName("hostgraft", fits) == "hostgraft-" + std::string(49, 'a') + "-com");

  std::string long_a = "officer-portal-registry-with-a-long-name.apps.cluster-one.example.com";
  std::string long_b = "officer-portal-registry-with-a-long-name.apps.cluster-two.example.com";
  std::string a = GeneratedName("hostgraft", long_a);
  std::string b = GeneratedName("hostgraft", long_b);
  CHECK(a.size() <= 63);
  CHECK(b.size() <= 63);
  CHECK(a != b);
  CHECK(a == GeneratedName("hostgraft", long_a));
  CHECK(a == "hostgraft-officer-portal-registry-with-a-long-name-a-d15a52b533");
  std::string why;
  CHECK(IsValidDnsName(a, &why));

  // A cut right after a dot's dash drops the dash instead of ending on it.
  std::string cut_at_dash = std::string(41, 'b') + "." + std::string(30, 'c') + ".com";
  std::string name = GeneratedName("hostgraft", cut_at_dash);
  CHECK(name == "hostgraft-" + std::string(41, 'b') + "-" + name.substr(name.size() - 10));
  CHECK(name.size() == 62);
  CHECK(IsValidDnsName(name, &why));
}

}  // namespace
}  // namespace hostgraft
