package main

import (
	"flag"
	"io"
	"testing"
)

func TestFlagsAndEnvironment(t *testing.T) {
	cases := []struct {
		args []string
		env  map[string]string
		want Config
		bad  bool
	}{
		{nil, nil, Config{RateLimit: true, Addr: "127.0.0.1:8080", DataDir: "./walletdesk-data"}, false},
		{[]string{"--rate-limit=off"}, nil, Config{RateLimit: false, Addr: "127.0.0.1:8080", DataDir: "./walletdesk-data"}, false},
		{nil, map[string]string{"WALLETDESK_RATE_LIMIT": "off", "WALLETDESK_ADDR": ":9"}, Config{RateLimit: false, Addr: ":9", DataDir: "./walletdesk-data"}, false},
		{[]string{"--rate-limit=on"}, map[string]string{"WALLETDESK_RATE_LIMIT": "off"}, Config{RateLimit: true, Addr: "127.0.0.1:8080", DataDir: "./walletdesk-data"}, false},
		{nil, map[string]string{"WALLETDESK_DATABASE_URL": "postgres://x"}, Config{RateLimit: true, Addr: "127.0.0.1:8080", DataDir: "./walletdesk-data", DatabaseURL: "postgres://x"}, false},
		{[]string{"--data", "/d"}, map[string]string{"WALLETDESK_DATA": "/e"}, Config{RateLimit: true, Addr: "127.0.0.1:8080", DataDir: "/d"}, false},
		{nil, map[string]string{"WALLETDESK_RATE_LIMIT": "maybe"}, Config{}, true},
		{[]string{"--rate-limit=sometimes"}, nil, Config{}, true},
	}
	for _, tc := range cases {
		var c Config
		fs := flag.NewFlagSet("serve", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		serveFlags(fs, &c)
		err := parse(fs, tc.args, func(k string) string { return tc.env[k] })
		if tc.bad {
			if err == nil {
				t.Errorf("%v %v: accepted", tc.args, tc.env)
			}
			continue
		}
		if err != nil {
			t.Errorf("%v %v: %v", tc.args, tc.env, err)
			continue
		}
		if c.RateLimit != tc.want.RateLimit || c.Addr != tc.want.Addr || c.DataDir != tc.want.DataDir || c.DatabaseURL != tc.want.DatabaseURL {
			t.Errorf("%v %v: got %+v", tc.args, tc.env, c)
		}
	}
}
