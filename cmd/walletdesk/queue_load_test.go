package main

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/walletdesk/walletdesk/internal/store/storetest"
)

// TestQueueLoadHTTP measures the agents' queue over HTTP at the scale of
// issue 4 (50,000 requests, 200,000 messages, from the store's generator)
// with cmd/wdload at 16 concurrent clients, on each engine asked for:
//
//	WALLETDESK_QUEUE_LOAD=sqlite,postgres go test -run TestQueueLoadHTTP -v -timeout 60m ./cmd/walletdesk/
//
// It fails when a p99 misses the bar (list 20 ms, two-character Chinese
// search 10 ms). It reports the machine's load before each run: the
// figures mean little on a busy machine.
func TestQueueLoadHTTP(t *testing.T) {
	engines := os.Getenv("WALLETDESK_QUEUE_LOAD")
	if engines == "" {
		t.Skip("set WALLETDESK_QUEUE_LOAD=sqlite,postgres to run the queue load test")
	}
	n := os.Getenv("WALLETDESK_QUEUE_LOAD_N")
	if n == "" {
		n = "20000"
	}
	bin := filepath.Join(t.TempDir(), "wdload")
	if out, err := exec.Command("go", "build", "-o", bin, "../wdload").CombinedOutput(); err != nil {
		t.Fatalf("build wdload: %v %s", err, out)
	}
	for _, engine := range strings.Split(engines, ",") {
		t.Run(engine, func(t *testing.T) {
			data, dbURL := t.TempDir(), ""
			fillEnv := []string{"WALLETDESK_FILL_DIR=" + data}
			var serveArgs []string
			if engine == "postgres" {
				dbURL = storetest.PostgresURL(t)
				fillEnv = []string{"WALLETDESK_FILL_DATABASE=" + dbURL}
				serveArgs = []string{"--database", dbURL}
			}
			fill := exec.Command("go", "test", "-count=1", "-run", "^TestFillDataDir$", "-v", "../../internal/store/")
			fill.Env = append(os.Environ(), fillEnv...)
			out, err := fill.CombinedOutput()
			if err != nil {
				t.Fatalf("fill: %v\n%s", err, out)
			}
			if m := regexp.MustCompile(`filled .*`).Find(out); m != nil {
				t.Logf("%s: %s", engine, m)
			}
			p := startServer(t, data, []string{"WALLETDESK_RATE_LIMIT=off"}, serveArgs...)
			const password = "load test agent password"
			cli := append([]string{"--data", data}, serveArgs...)
			if _, stderr, err := runCLI(t, nil, password+"\n", append([]string{"user", "add", "--email", "load@example.com", "--name", "Load",
				"--role", "agent", "--languages", "en,zh-CN,ja"}, cli...)...); err != nil {
				t.Fatalf("user add: %v %s", err, stderr)
			}
			stdout, stderr, err := runCLI(t, nil, "", append([]string{"token", "create", "--email", "load@example.com", "--name", "load",
				"--scope", "tickets:read"}, cli...)...)
			if err != nil {
				t.Fatalf("token create: %v %s", err, stderr)
			}
			lines := strings.Split(strings.TrimSpace(stdout), "\n")
			token := strings.TrimSpace(lines[len(lines)-1])
			auth := "Authorization: Bearer " + token
			list := p.base + "/api/v1/agent/tickets"
			search := list + "?q=" + url.QueryEscape("转账")
			// The ticket search index builds in the background after start.
			deadline := time.Now().Add(10 * time.Minute)
			for {
				code, body := get(t, search, "Authorization", "Bearer "+token)
				if code == 200 && strings.Contains(body, `"id":`) {
					break
				}
				if time.Now().After(deadline) {
					t.Fatalf("search never answered: %d %s", code, body)
				}
				time.Sleep(2 * time.Second)
			}
			// ... and merges it into one segment at the end: measure after.
			waitIdle(t, p.cmd.Process.Pid)
			cookie := signInCookie(t, p.base, "load@example.com", password)
			// bar 0: reported, not judged.
			runs := []struct {
				name    string
				clients string
				bar     float64
				args    []string
				extra   string
			}{
				{"queue list (agent API)", "16", 20, []string{"-H", auth, list}, ""},
				{"queue list, filtered pages (agent API)", "16", 20, []string{"-H", auth, "-urls", "URLS"}, strings.Join([]string{
					list + "?severity=S1,S2", list + "?lang=ja", list + "?assignee=unassigned", list + "?category=security&lang=zh-CN",
					list + "?status=all&limit=100", list + "?assignee=7", list + "?status=pending",
				}, "\n")},
				{"queue page (console HTML)", "16", 0, []string{"-H", "Cookie: wd_console=" + cookie, p.base + "/console/"}, ""},
				{"2-character Chinese search 转账 (agent API)", "1", 10, []string{"-H", auth, search}, ""},
				{"2-character Chinese search 转账 (agent API)", "16", 0, []string{"-H", auth, search}, ""},
			}
			for _, run := range runs {
				args := append([]string{"-json", "-c", run.clients}, run.args...)
				if run.extra != "" {
					f := filepath.Join(t.TempDir(), "urls.txt")
					os.WriteFile(f, []byte(run.extra), 0o644)
					for i, a := range args {
						if a == "URLS" {
							args[i] = f
						}
					}
				}
				// Warm caches and prepared statements first.
				if out, err := exec.Command(bin, append([]string{"-n", "500"}, args...)...).CombinedOutput(); err != nil {
					t.Fatalf("%s warm-up: %v %s", run.name, err, out)
				}
				load, _ := os.ReadFile("/proc/loadavg")
				out, err := exec.Command(bin, append([]string{"-n", n}, args...)...).Output()
				if err != nil {
					t.Fatalf("%s: %v %s", run.name, err, out)
				}
				var rep struct {
					Requests  int64            `json:"requests"`
					PerSecond float64          `json:"req_per_s"`
					P50       float64          `json:"p50_ms"`
					P90       float64          `json:"p90_ms"`
					P99       float64          `json:"p99_ms"`
					Max       float64          `json:"max_ms"`
					Status    map[string]int64 `json:"status"`
				}
				if err := json.Unmarshal(out, &rep); err != nil {
					t.Fatalf("%s: %v %s", run.name, err, out)
				}
				t.Logf("%s, %s, %s clients: %d requests, %.0f req/s, p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms, status %v; load average before: %s",
					engine, run.name, run.clients, rep.Requests, rep.PerSecond, rep.P50, rep.P90, rep.P99, rep.Max, rep.Status, strings.TrimSpace(string(load)))
				if run.bar > 0 && rep.P99 > run.bar {
					t.Errorf("%s, %s, %s clients: p99 %.2f ms over %.0f ms", engine, run.name, run.clients, rep.P99, run.bar)
				}
			}
		})
	}
}

var csrfField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// signInCookie signs an agent without a second factor in and returns the
// session cookie.
func signInCookie(t *testing.T, base, email, password string) string {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar}
	res, err := c.Get(base + "/console/login")
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(res.Body)
	res.Body.Close()
	m := csrfField.FindSubmatch(page)
	if m == nil {
		t.Fatal("no sign-in form")
	}
	res, err = c.PostForm(base+"/console/login", url.Values{"csrf": {string(m[1])}, "email": {email}, "password": {password}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	u, _ := url.Parse(base + "/console/")
	for _, ck := range jar.Cookies(u) {
		if ck.Name == "wd_console" {
			return ck.Value
		}
	}
	t.Fatalf("no session after sign-in: %d", res.StatusCode)
	return ""
}

// waitIdle waits until process pid uses less than a tenth of a processor
// over two seconds (the ticket index has finished building).
func waitIdle(t *testing.T, pid int) {
	t.Helper()
	cpu := func() float64 {
		b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
		if err != nil {
			return -1
		}
		// Fields after the command name (which may hold spaces): state is
		// field 3; utime and stime are fields 14 and 15.
		f := strings.Fields(string(b[strings.LastIndexByte(string(b), ')')+1:]))
		if len(f) < 13 {
			return -1
		}
		u, _ := strconv.ParseFloat(f[11], 64)
		s, _ := strconv.ParseFloat(f[12], 64)
		return (u + s) / 100 // clock ticks
	}
	deadline := time.Now().Add(10 * time.Minute)
	for prev := cpu(); prev >= 0 && time.Now().Before(deadline); {
		time.Sleep(2 * time.Second)
		now := cpu()
		if now-prev < 0.2 {
			return
		}
		prev = now
	}
}
