package chain

import (
	"fmt"
	"math/big"
	"net/url"
	"sort"
	"strings"
)

// Kind is the API family a configured endpoint speaks.
type Kind string

const (
	KindEVM      Kind = "evm"      // Ethereum JSON-RPC (any EVM chain)
	KindEsplora  Kind = "esplora"  // Bitcoin Esplora REST
	KindTronGrid Kind = "trongrid" // TRON full-node HTTP API (TronGrid)
)

// Config is one configured chain.
type Config struct {
	Name    string   // lower-case name used in requests ("ethereum", "bsc")
	Kind    Kind     // API family
	URL     string   // http or https endpoint
	ChainID *big.Int // expected EVM chain id; nil accepts whatever the node reports
	APIKey  string   // sent as TRON-PRO-API-KEY to TronGrid; EVM and Esplora keys belong in the URL
}

const envPrefix = "WALLETDESK_CHAIN_"

// ParseEnv reads WALLETDESK_CHAIN_<NAME>=<kind>,<url>[,<chain id>] and
// WALLETDESK_CHAIN_<NAME>_KEY=<api key> from an os.Environ()-style slice and
// returns the configs sorted by name. Every malformed value is reported, not
// only the first, so an operator fixes the configuration in one pass.
func ParseEnv(environ []string) ([]Config, error) {
	byName := map[string]*Config{}
	keys := map[string]string{}
	var errs []string
	for _, kv := range environ {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || !strings.HasPrefix(k, envPrefix) {
			continue
		}
		rest := k[len(envPrefix):]
		if name, isKey := strings.CutSuffix(rest, "_KEY"); isKey && name != "" {
			keys[strings.ToLower(name)] = strings.TrimSpace(v)
			continue
		}
		if !validEnvName(rest) {
			errs = append(errs, fmt.Sprintf("%s: the name after %s must be letters, digits and _", k, envPrefix))
			continue
		}
		cfg, err := parseChainValue(strings.ToLower(rest), v)
		if err != nil {
			errs = append(errs, fmt.Sprintf("%s: %v", k, err))
			continue
		}
		byName[cfg.Name] = &cfg
	}
	for name, key := range keys {
		c, ok := byName[name]
		if !ok {
			errs = append(errs, fmt.Sprintf("%s%s_KEY is set but %s%s is not", envPrefix, strings.ToUpper(name), envPrefix, strings.ToUpper(name)))
			continue
		}
		c.APIKey = key
	}
	if len(errs) > 0 {
		sort.Strings(errs)
		return nil, fmt.Errorf("chain configuration: %s", strings.Join(errs, "; "))
	}
	out := make([]Config, 0, len(byName))
	for _, c := range byName {
		out = append(out, *c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

func validEnvName(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_') {
			return false
		}
	}
	return true
}

func parseChainValue(name, v string) (Config, error) {
	parts := strings.Split(v, ",")
	if len(parts) < 2 || len(parts) > 3 {
		return Config{}, fmt.Errorf("want <kind>,<url>[,<chain id>], got %d comma-separated parts", len(parts))
	}
	cfg := Config{Name: name, Kind: Kind(strings.ToLower(strings.TrimSpace(parts[0]))), URL: strings.TrimSpace(parts[1])}
	if err := cfg.validate(); err != nil {
		return Config{}, err
	}
	if len(parts) == 3 {
		s := strings.TrimSpace(parts[2])
		if cfg.Kind != KindEVM {
			return Config{}, fmt.Errorf("a chain id is only meaningful for kind evm, not %s", cfg.Kind)
		}
		id, ok := new(big.Int).SetString(s, 10)
		if !ok || id.Sign() <= 0 {
			return Config{}, fmt.Errorf("chain id %q is not a positive decimal integer", s)
		}
		cfg.ChainID = id
	}
	return cfg, nil
}

// validate checks what New relies on; ParseEnv and New both call it so that
// configs built in code get the same checks as those from the environment.
func (c Config) validate() error {
	if c.Name == "" || !validEnvName(c.Name) || strings.ToLower(c.Name) != c.Name {
		return fmt.Errorf("chain name %q must be lower-case letters, digits and _", c.Name)
	}
	switch c.Kind {
	case KindEVM, KindEsplora, KindTronGrid:
	default:
		return fmt.Errorf("kind %q is not one of evm, esplora, trongrid", c.Kind)
	}
	u, err := url.Parse(c.URL)
	if err != nil {
		return fmt.Errorf("url: %v", err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Errorf("url scheme %q: only http and https are allowed", u.Scheme)
	}
	if u.Host == "" {
		return fmt.Errorf("url %q has no host", redactURL(c.URL))
	}
	if u.Fragment != "" {
		return fmt.Errorf("url must not have a #fragment")
	}
	if c.ChainID != nil && c.ChainID.Sign() <= 0 {
		return fmt.Errorf("chain id must be positive")
	}
	return nil
}

// redactURL keeps scheme and host only: provider URLs often carry an API key
// in the path or query, and errors end up in logs.
func redactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return "(unparsable url)"
	}
	return u.Scheme + "://" + u.Host
}
