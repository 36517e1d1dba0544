package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// The end-to-end tests run the real binary, built once here, as a user
// would: flags, environment, data directory, signals.
var binPath string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "walletdesk-e2e")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binPath = filepath.Join(dir, "walletdesk")
	build := exec.Command("go", "build", "-o", binPath, ".")
	build.Stdout, build.Stderr = os.Stdout, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "build walletdesk:", err)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// syncBuffer collects a process's stderr while tests read it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

type proc struct {
	cmd    *exec.Cmd
	base   string
	log    *syncBuffer
	done   chan error
	ready  time.Duration
	stderr io.Writer
}

var readyLine = regexp.MustCompile(`msg="walletdesk ready" addr=(\S+)`)

// startServer runs `walletdesk serve` on a free port and waits until it
// logs that it is ready.
func startServer(t testing.TB, data string, env []string, args ...string) *proc {
	t.Helper()
	all := append([]string{"serve", "--addr", "127.0.0.1:0", "--data", data}, args...)
	cmd := exec.Command(binPath, all...)
	cmd.Env = append(os.Environ(), env...)
	p := &proc{cmd: cmd, log: &syncBuffer{}, done: make(chan error, 1)}
	pr, pw := io.Pipe()
	cmd.Stderr = pw
	start := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { p.done <- cmd.Wait(); pw.Close() }()
	addr := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(pr)
		for sc.Scan() {
			line := sc.Text()
			p.log.Write([]byte(line + "\n"))
			if m := readyLine.FindStringSubmatch(line); m != nil {
				addr <- m[1]
			}
		}
	}()
	select {
	case a := <-addr:
		p.base = "http://" + a
		p.ready = time.Since(start)
	case err := <-p.done:
		t.Fatalf("walletdesk exited before ready: %v\n%s", err, p.log.String())
	case <-time.After(60 * time.Second):
		cmd.Process.Kill()
		t.Fatalf("walletdesk not ready after 60s:\n%s", p.log.String())
	}
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			cmd.Process.Signal(syscall.SIGTERM)
			select {
			case <-p.done:
			case <-time.After(15 * time.Second):
				cmd.Process.Kill()
			}
		}
	})
	return p
}

// stop sends SIGTERM and waits for a clean exit.
func (p *proc) stop(t testing.TB) {
	t.Helper()
	p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case err := <-p.done:
		if err != nil {
			t.Fatalf("walletdesk exited with %v after SIGTERM:\n%s", err, p.log.String())
		}
	case <-time.After(15 * time.Second):
		p.cmd.Process.Kill()
		t.Fatal("walletdesk did not stop on SIGTERM")
	}
}

func get(t testing.TB, url string, hdr ...string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest("GET", url, nil)
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// runCLI runs a walletdesk subcommand to completion.
// addAgent creates an agent with `walletdesk user add`, the password on
// stdin, as an admin would.
func addAgent(t testing.TB, data, password, email, name, role, languages string) {
	t.Helper()
	out, stderr, err := runCLI(t, nil, password+"\n", "user", "add", "--data", data,
		"--email", email, "--name", name, "--role", role, "--languages", languages)
	if err != nil || !strings.Contains(out, "added "+name) {
		t.Fatalf("user add %s: %v %s %s", email, err, out, stderr)
	}
}

func runCLI(t testing.TB, env []string, stdin string, args ...string) (string, string, error) {
	t.Helper()
	cmd := exec.Command(binPath, args...)
	cmd.Env = append(os.Environ(), env...)
	cmd.Stdin = strings.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	go func() { <-ctx.Done(); cmd.Process.Kill() }()
	err := cmd.Run()
	return out.String(), errb.String(), err
}

func TestServeFreshThenExistingDataDir(t *testing.T) {
	data := t.TempDir()
	p := startServer(t, data, nil)
	if !strings.Contains(p.log.String(), "loaded the built-in help center") {
		t.Errorf("first start did not load the built-in content:\n%s", p.log.String())
	}
	if code, body := get(t, p.base+"/healthz"); code != 200 || !strings.Contains(body, "ok") {
		t.Fatalf("healthz %d %s", code, body)
	}
	code, body := get(t, p.base+"/zh-CN/")
	if code != 200 || !strings.Contains(body, "有什么可以帮你？") || !strings.Contains(body, "/zh-CN/articles/transaction-pending") {
		t.Fatalf("zh-CN home: %d", code)
	}
	var sr struct {
		Results []struct{ Slug string } `json:"results"`
	}
	_, body = get(t, p.base+"/api/v1/kb/search?locale=ja&q=%E9%80%81%E9%87%91%E3%81%8C%E5%B1%8A%E3%81%8B%E3%81%AA%E3%81%84")
	if err := json.Unmarshal([]byte(body), &sr); err != nil || len(sr.Results) == 0 || sr.Results[0].Slug != "transaction-pending" {
		t.Fatalf("search 送金が届かない: %v %s", err, body)
	}
	p.stop(t)
	if !strings.Contains(p.log.String(), "walletdesk stopped") {
		t.Errorf("no clean shutdown log:\n%s", p.log.String())
	}

	// Second start: existing data, nothing re-seeded, index reused.
	p2 := startServer(t, data, nil)
	if strings.Contains(p2.log.String(), "loaded the built-in help center") || strings.Contains(p2.log.String(), "search index rebuilt") {
		t.Errorf("restart redid first-start work:\n%s", p2.log.String())
	}
	t.Logf("start to ready on an existing data dir: %v (process start included)", p2.ready)
	if code, _ := get(t, p2.base+"/en/articles/speed-up-cancel"); code != 200 {
		t.Errorf("article after restart: %d", code)
	}
}

func TestIndexRebuiltWhenMissing(t *testing.T) {
	data := t.TempDir()
	p := startServer(t, data, nil)
	p.stop(t)
	if err := os.RemoveAll(filepath.Join(data, "search")); err != nil {
		t.Fatal(err)
	}
	p2 := startServer(t, data, nil)
	if !strings.Contains(p2.log.String(), "search index rebuilt") {
		t.Errorf("a missing index was not rebuilt:\n%s", p2.log.String())
	}
	_, body := get(t, p2.base+"/api/v1/kb/search?locale=en&q=revoke+approval")
	if !strings.Contains(body, `"slug":"token-approvals"`) {
		t.Errorf("search after rebuild: %s", body)
	}
}

func TestKBExportEditImportWhileServing(t *testing.T) {
	data := t.TempDir()
	p := startServer(t, data, nil)
	out := t.TempDir()
	stdout, stderr, err := runCLI(t, nil, "", "kb", "export", "--data", data, out)
	if err != nil || !strings.Contains(stdout, "exported 93 articles") {
		t.Fatalf("export: %v %s %s", err, stdout, stderr)
	}
	file := filepath.Join(out, "kb", "en", "swap-failed.md")
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(string(b), "\n---\n", "\n---\nThe zorblax meter explains every failed swap.\n\n", 1)
	if err := os.WriteFile(file, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	stdout, stderr, err = runCLI(t, nil, "", "kb", "import", "--data", data, out)
	if err != nil || !strings.Contains(stdout, "0 created, 1 updated, 92 unchanged") || !strings.Contains(stderr, "importing articles: 93/93") {
		t.Fatalf("import: %v\nstdout %s\nstderr %s", err, stdout, stderr)
	}
	// The running server notices the new content version and reindexes.
	deadline := time.Now().Add(15 * time.Second)
	for {
		_, body := get(t, p.base+"/api/v1/kb/search?locale=en&q=zorblax")
		if strings.Contains(body, `"slug":"swap-failed"`) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the edit never reached search: %s", body)
		}
		time.Sleep(300 * time.Millisecond)
	}
	// Importing the same files again changes nothing.
	stdout, _, err = runCLI(t, nil, "", "kb", "import", "--data", data, out)
	if err != nil || !strings.Contains(stdout, "0 created, 0 updated, 93 unchanged") {
		t.Fatalf("second import: %v %s", err, stdout)
	}
	// A broken file is refused with its name, and nothing is imported.
	os.WriteFile(filepath.Join(out, "kb", "ja", "broken.md"), []byte("---\nslug: x\n"), 0o644)
	_, stderr, err = runCLI(t, nil, "", "kb", "import", "--data", data, out)
	if err == nil || !strings.Contains(stderr, "kb/ja/broken.md") {
		t.Fatalf("broken import accepted: %v %s", err, stderr)
	}
}

func TestEnvironmentTwins(t *testing.T) {
	data := t.TempDir()
	p := startServer(t, data, []string{"WALLETDESK_RATE_LIMIT=off"})
	for i := 0; i < 150; i++ {
		if code, _ := get(t, p.base+"/api/v1/kb/suggest?locale=en&q=gas"); code != 200 {
			t.Fatalf("request %d: %d with WALLETDESK_RATE_LIMIT=off", i, code)
		}
	}
	p.stop(t)
	p2 := startServer(t, data, nil)
	limited := false
	for i := 0; i < 150 && !limited; i++ {
		code, _ := get(t, p2.base+"/api/v1/kb/suggest?locale=en&q=gas")
		limited = code == http.StatusTooManyRequests
	}
	if !limited {
		t.Error("rate limits are on by default, but nothing was limited")
	}
	_, stderr, err := runCLI(t, []string{"WALLETDESK_RATE_LIMIT=maybe"}, "", "serve", "--data", data, "--addr", "127.0.0.1:0")
	if err == nil || !strings.Contains(stderr, "WALLETDESK_RATE_LIMIT") {
		t.Errorf("a bad environment value was accepted: %v %s", err, stderr)
	}
	_, stderr, err = runCLI(t, nil, "", "serve", "--database", "mysql://x", "--addr", "127.0.0.1:0")
	if err == nil || !strings.Contains(stderr, "postgres://") {
		t.Errorf("a bad database URL was accepted: %v %s", err, stderr)
	}
	if _, err := os.Stat("walletdesk-data"); err == nil {
		t.Error("the refused start created the default data directory")
	}
}
