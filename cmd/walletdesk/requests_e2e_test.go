package main

import (
	"bytes"
	"encoding/json"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func postJSON(t *testing.T, url string, body any, hdr ...string) (int, string) {
	t.Helper()
	b, _ := json.Marshal(body)
	req, _ := http.NewRequest("POST", url, bytes.NewReader(b))
	req.Header.Set("Content-Type", "application/json")
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(out)
}

// TestRequestsThroughTheBinary creates requests over HTTP in every locale,
// one with a recovery phrase, reads them back with their tokens, and then
// checks that the phrase is in no byte of the data directory nor the log.
func TestRequestsThroughTheBinary(t *testing.T) {
	const phrase = "legal winner thank year wave sausage worth useful legal winner thank yellow"
	data := t.TempDir()
	p := startServer(t, data, []string{"WALLETDESK_RATE_LIMIT=off"}, "--log-level", "debug")
	cases := []struct {
		locale, subject, body, severity, firstReply string
	}{
		{"en", "Wallet drained", "Someone emptied my wallet overnight, all my ETH is gone", "S1", "Move what is left"},
		{"zh-CN", "导入失败", "导入钱包时提示助记词无效：" + phrase, "S1", "必须视为已经泄露"},
		{"ja", "送金が届かない", "昨日送ったUSDTがまだ届きません", "S3", "リクエスト #"},
	}
	for _, tc := range cases {
		code, body := postJSON(t, p.base+"/api/v1/tickets", map[string]any{"email": "e2e@example.com", "subject": tc.subject, "body": tc.body, "locale": tc.locale})
		if code != 201 {
			t.Fatalf("%s: %d %s", tc.locale, code, body)
		}
		if strings.Contains(body, "sausage") {
			t.Fatalf("%s: the API response contains the phrase", tc.locale)
		}
		var c struct {
			ID          int64  `json:"id"`
			AccessToken string `json:"access_token"`
			Severity    string `json:"severity"`
			Reasons     []struct{ Code, Message string }
			URL         string `json:"url"`
		}
		json.Unmarshal([]byte(body), &c)
		if c.Severity != tc.severity || len(c.Reasons) == 0 || c.Reasons[0].Message == "" {
			t.Errorf("%s: %s", tc.locale, body)
		}
		code, body = get(t, p.base+"/api/v1/tickets/"+strconv.FormatInt(c.ID, 10), "Authorization", "Bearer "+c.AccessToken)
		if code != 200 || !strings.Contains(body, tc.firstReply) || strings.Contains(body, "sausage") {
			t.Errorf("%s: read back %d %s", tc.locale, code, body)
		}
		if code, _ := get(t, p.base+"/api/v1/tickets/"+strconv.FormatInt(c.ID, 10), "Authorization", "Bearer wrong"); code != 404 {
			t.Errorf("%s: wrong token gave %d, want 404", tc.locale, code)
		}
		if code, page := get(t, p.base+c.URL); code != 200 || !strings.Contains(page, "data-severity=\""+tc.severity+"\"") {
			t.Errorf("%s: request page %d", tc.locale, code)
		}
	}
	// Searching for the phrase must not record it either.
	get(t, p.base+"/api/v1/kb/search?locale=en&q="+strings.ReplaceAll(phrase, " ", "+"))
	p.stop(t)
	for _, w := range []string{"sausage", "legal winner thank"} {
		if strings.Contains(p.log.String(), w) {
			t.Errorf("the log contains %q", w)
		}
		filepath.WalkDir(data, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := os.ReadFile(path)
			if err == nil && bytes.Contains(b, []byte(w)) {
				t.Errorf("%s contains %q", path, w)
			}
			return nil
		})
	}
}
