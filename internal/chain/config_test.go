package chain

import (
	"strings"
	"testing"
)

func TestParseEnv(t *testing.T) {
	env := []string{
		"PATH=/usr/bin",
		"WALLETDESK_CHAIN_ETHEREUM=evm,https://eth.example.org/v3/KEY,1",
		"WALLETDESK_CHAIN_BSC= EVM , http://127.0.0.1:8545 ",
		"WALLETDESK_CHAIN_BITCOIN=esplora,https://blockstream.info/api",
		"WALLETDESK_CHAIN_TRON=trongrid,https://api.trongrid.io",
		"WALLETDESK_CHAIN_TRON_KEY=secret-key",
		"WALLETDESK_DATABASE_URL=postgres://x",
	}
	got, err := ParseEnv(env)
	if err != nil {
		t.Fatal(err)
	}
	names := []string{}
	for _, c := range got {
		names = append(names, c.Name)
	}
	if strings.Join(names, ",") != "bitcoin,bsc,ethereum,tron" {
		t.Fatalf("names %v", names)
	}
	byName := map[string]Config{}
	for _, c := range got {
		byName[c.Name] = c
	}
	if c := byName["ethereum"]; c.Kind != KindEVM || c.ChainID == nil || c.ChainID.Int64() != 1 || c.URL != "https://eth.example.org/v3/KEY" {
		t.Errorf("ethereum %+v", c)
	}
	if c := byName["bsc"]; c.Kind != KindEVM || c.ChainID != nil || c.URL != "http://127.0.0.1:8545" {
		t.Errorf("bsc %+v", c)
	}
	if c := byName["tron"]; c.APIKey != "secret-key" || c.Kind != KindTronGrid {
		t.Errorf("tron %+v", c)
	}
	if none, err := ParseEnv([]string{"HOME=/root"}); err != nil || len(none) != 0 {
		t.Errorf("no chains: %v %v", none, err)
	}
}

func TestParseEnvErrors(t *testing.T) {
	cases := []struct {
		env  string
		want string
	}{
		{"WALLETDESK_CHAIN_X=solana,https://a.example", "kind"},
		{"WALLETDESK_CHAIN_X=evm,ftp://a.example", "only http and https"},
		{"WALLETDESK_CHAIN_X=evm,file:///etc/passwd", "only http and https"},
		{"WALLETDESK_CHAIN_X=evm,https://", "no host"},
		{"WALLETDESK_CHAIN_X=evm,https://a.example,0x1", "chain id"},
		{"WALLETDESK_CHAIN_X=evm,https://a.example,-5", "chain id"},
		{"WALLETDESK_CHAIN_X=evm,https://a.example,1,2", "parts"},
		{"WALLETDESK_CHAIN_X=evm", "parts"},
		{"WALLETDESK_CHAIN_X=esplora,https://a.example,1", "only meaningful for kind evm"},
		{"WALLETDESK_CHAIN_X-Y=evm,https://a.example", "letters, digits"},
		{"WALLETDESK_CHAIN_X=evm,https://a.example#frag", "fragment"},
		{"WALLETDESK_CHAIN_GHOST_KEY=k", "is not"},
	}
	for _, c := range cases {
		_, err := ParseEnv([]string{c.env})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err %v, want it to mention %q", c.env, err, c.want)
		}
	}
	// Every problem is reported at once, and a key in the URL is not echoed.
	_, err := ParseEnv([]string{"WALLETDESK_CHAIN_A=x,https://a.example", "WALLETDESK_CHAIN_B=evm,https:///v3/SECRETKEY"})
	if err == nil || !strings.Contains(err.Error(), "WALLETDESK_CHAIN_A") || !strings.Contains(err.Error(), "WALLETDESK_CHAIN_B") {
		t.Errorf("both errors: %v", err)
	}
	if strings.Contains(err.Error(), "SECRETKEY") {
		t.Errorf("error leaks the URL path: %v", err)
	}
}
