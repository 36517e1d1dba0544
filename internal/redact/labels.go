package redact

import (
	"strings"
	"unicode/utf8"
)

// labelFlags says what a label announces.
type labelFlags uint8

const (
	labelPhrase labelFlags = 1 << iota // a recovery phrase follows or is discussed
	labelKey                           // a private key
	labelTx                            // a transaction hash or id
)

type latinLabel struct {
	word  string // folded
	flags labelFlags
}

// latinLabels are single folded words; multi-word labels ("private key",
// "frase semilla") work because each of their words carries the flag.
var latinLabels = []latinLabel{
	{"mnemonic", labelPhrase}, {"mnemonics", labelPhrase}, {"seed", labelPhrase},
	{"seeds", labelPhrase}, {"seedphrase", labelPhrase}, {"phrase", labelPhrase},
	{"phrases", labelPhrase}, {"words", labelPhrase}, {"recovery", labelPhrase},
	{"passphrase", labelPhrase},
	{"frase", labelPhrase}, {"semilla", labelPhrase}, {"palabras", labelPhrase},
	{"mnemonico", labelPhrase}, {"mnemonique", labelPhrase}, {"graine", labelPhrase},
	{"mots", labelPhrase}, {"parole", labelPhrase}, {"semente", labelPhrase},
	{"palavras", labelPhrase}, {"fraze", labelPhrase}, {"slova", labelPhrase},
	{"seme", labelPhrase}, {"recuperacion", labelPhrase}, {"recuperation", labelPhrase},
	{"recuperacao", labelPhrase}, {"mnemotecnica", labelPhrase},

	{"key", labelKey}, {"keys", labelKey}, {"privkey", labelKey}, {"privatekey", labelKey},
	{"private", labelKey}, {"priv", labelKey}, {"pk", labelKey}, {"secret", labelKey},
	{"wif", labelKey}, {"clave", labelKey}, {"privada", labelKey}, {"chave", labelKey},
	{"cle", labelKey}, {"privee", labelKey}, {"chiave", labelKey}, {"privata", labelKey},
	{"klic", labelKey}, {"soukromy", labelKey}, {"secretkey", labelKey},

	{"tx", labelTx}, {"txid", labelTx}, {"txn", labelTx}, {"txhash", labelTx},
	{"hash", labelTx}, {"transaction", labelTx}, {"transactions", labelTx},
	{"transaccion", labelTx}, {"transacao", labelTx}, {"transazione", labelTx},
	{"transakce", labelTx}, {"explorer", labelTx}, {"etherscan", labelTx},
	{"tronscan", labelTx}, {"bscscan", labelTx}, {"blockchair", labelTx},
	{"mempool", labelTx}, {"block", labelTx}, {"blockhash", labelTx}, {"hashes", labelTx},
}

type cjkLabel struct {
	text  string
	flags labelFlags
}

// cjkLabels are found by substring search in NFC text (CJK scripts do not
// separate words, so a label is rarely a token of its own).
var cjkLabels = []cjkLabel{
	{"助记词", labelPhrase}, {"助記詞", labelPhrase}, {"助记码", labelPhrase}, {"助記碼", labelPhrase},
	{"种子短语", labelPhrase}, {"種子短語", labelPhrase}, {"种子词", labelPhrase}, {"種子詞", labelPhrase},
	{"恢复短语", labelPhrase}, {"恢復短語", labelPhrase}, {"恢复词", labelPhrase}, {"恢復詞", labelPhrase},
	{"助记", labelPhrase}, {"助記", labelPhrase}, {"密语", labelPhrase}, {"密語", labelPhrase},
	{"备份短语", labelPhrase}, {"備份短語", labelPhrase}, {"单词", labelPhrase}, {"單詞", labelPhrase},
	{"ニーモニック", labelPhrase}, {"復元フレーズ", labelPhrase}, {"シードフレーズ", labelPhrase},
	{"リカバリーフレーズ", labelPhrase}, {"復元ワード", labelPhrase}, {"バックアップフレーズ", labelPhrase},
	{"秘密のリカバリー", labelPhrase}, {"フレーズ", labelPhrase}, {"復元用", labelPhrase},
	{"니모닉", labelPhrase}, {"시드 문구", labelPhrase}, {"복구 문구", labelPhrase}, {"시드 구문", labelPhrase},
	{"복구 구문", labelPhrase}, {"시드문구", labelPhrase}, {"복구문구", labelPhrase}, {"시드구문", labelPhrase},
	{"복구구문", labelPhrase}, {"비밀 복구", labelPhrase}, {"시드", labelPhrase},

	{"私钥", labelKey}, {"私鑰", labelKey}, {"密钥", labelKey}, {"密鑰", labelKey}, {"秘钥", labelKey},
	{"秘密鍵", labelKey}, {"プライベートキー", labelKey}, {"秘密キー", labelKey},
	{"개인키", labelKey}, {"개인 키", labelKey}, {"프라이빗 키", labelKey}, {"프라이빗키", labelKey},

	{"交易哈希", labelTx}, {"哈希", labelTx}, {"交易", labelTx}, {"交易号", labelTx}, {"交易號", labelTx},
	{"ハッシュ", labelTx}, {"トランザクション", labelTx}, {"取引", labelTx},
	{"트랜잭션", labelTx}, {"해시", labelTx}, {"거래", labelTx},
}

// labelHit is a label found in the text.
type labelHit struct {
	start, end int
	flags      labelFlags
}

// Every CJK label starts with a three-byte rune: a Han character, which
// is a token of its own, or kana or Hangul, inside a word. The tokenizer
// notes where one of those may start a label (appendLabelStarts), and
// findCJKLabels looks there only.

// mayStartLabel reports whether some CJK label may start with r (a filter:
// t.cjk holds the labels that do).
func (t *tables) mayStartLabel(r rune) bool {
	return t.cjkBits[r&1023>>6]&(1<<(r&63)) != 0
}

// appendLabelStarts appends to at the offsets in the word s[from:to] where
// a CJK label may start.
func (t *tables) appendLabelStarts(at []int, s string, from, to int) []int {
	for i := from; i < to; i++ {
		if c := s[i]; c >= 0xE0 && c < 0xF0 {
			// The word holds only runes scanWord decoded: a three-byte
			// sequence decodes directly.
			if t.mayStartLabel(rune(c&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F)) {
				at = append(at, i)
			}
			i += 2
		}
	}
	return at
}

// findCJKLabels appends to hits every CJK label of s that starts at one of
// the offsets at (in text order, from the tokenizer).
func findCJKLabels(s string, t *tables, at []int, hits []labelHit) []labelHit {
	for _, i := range at {
		r, _ := utf8.DecodeRuneInString(s[i:])
		for _, k := range t.cjk[r] {
			if lb := cjkLabels[k]; strings.HasPrefix(s[i:], lb.text) {
				hits = append(hits, labelHit{i, i + len(lb.text), lb.flags})
			}
		}
	}
	return hits
}
