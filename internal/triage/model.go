package triage

import (
	_ "embed"
	"encoding/binary"
	"fmt"
	"math"
)

// The lexicon passes every set it was tuned on, yet each fresh set written
// after a change found S1 requests in wording it had not met. A logistic
// regression over hashed features (features.go) is a second opinion that
// generalizes over wording: it gives the odds that a request is S1, and
// Classify raises an S2-S4 request to S1 when they are high (second_opinion.go).
// It never lowers anything.
//
// The model is trained from testdata/*.jsonl by TestGenerateModel, which
// also picks the two thresholds by cross-validation; it is embedded so that
// New does no training and loads it in place.

//go:generate go test -run ^TestGenerateModel$ -update-model

//go:embed s1model.bin
var s1ModelFile string

// Model file layout, little-endian:
//
//	0  "WDS1"
//	4  u8  feature version: the extractor the model was trained with
//	5  u8  bits: 1<<bits weights (modelBits)
//	6  u16 window: most features one window of sentences may hold
//	8  f32 bias
//	12 f32 scale: weight = int8 * scale
//	16 f32 raise: logit at or above which an S2-S4 request becomes S1
//	20 f32 raiseQuestion: the same when the lexicon reads a question, thanks or a denial
//	24 8 bytes reserved, zero
//	32 1<<bits int8 weights
const (
	modelMagic     = "WDS1"
	modelHeaderLen = 32
	// featureVersion changes whenever features.go would hash a text
	// differently: a model trained on other features is refused.
	featureVersion = 1
)

// modelBits is the size of the hashed feature space: 1<<16 weights of one
// byte. It is a constant so that indexing the weights needs no bounds check.
const modelBits = 16

// model is a loaded second opinion.
type model struct {
	window        int
	bias, scale   float32
	raise         float32 // logit thresholds
	raiseQuestion float32
	weights       *[1 << modelBits]int8
}

func parseModel(file string) (*model, error) {
	if len(file) < modelHeaderLen || file[:4] != modelMagic {
		return nil, fmt.Errorf("triage model: bad header")
	}
	h := []byte(file[:modelHeaderLen])
	m := &model{
		window:        int(binary.LittleEndian.Uint16(h[6:])),
		bias:          math.Float32frombits(binary.LittleEndian.Uint32(h[8:])),
		scale:         math.Float32frombits(binary.LittleEndian.Uint32(h[12:])),
		raise:         math.Float32frombits(binary.LittleEndian.Uint32(h[16:])),
		raiseQuestion: math.Float32frombits(binary.LittleEndian.Uint32(h[20:])),
	}
	weights := file[modelHeaderLen:]
	switch {
	case h[4] != featureVersion:
		return nil, fmt.Errorf("triage model: trained on feature version %d, the code extracts version %d; run go generate", h[4], featureVersion)
	case h[5] != modelBits || len(weights) != 1<<modelBits:
		return nil, fmt.Errorf("triage model: %d weights for %d bits, want %d bits", len(weights), h[5], modelBits)
	case m.window <= 0:
		return nil, fmt.Errorf("triage model: window %d", m.window)
	}
	m.weights = new([1 << modelBits]int8)
	for i := range m.weights {
		m.weights[i] = int8(weights[i])
	}
	for _, v := range []float32{m.bias, m.scale, m.raise, m.raiseQuestion} {
		if v != v || math.IsInf(float64(v), 0) {
			return nil, fmt.Errorf("triage model: non-finite parameter")
		}
	}
	return m, nil
}

// encode writes m in the file layout (the generator's side of parseModel).
func (m *model) encode() []byte {
	out := make([]byte, modelHeaderLen, modelHeaderLen+len(m.weights))
	copy(out, modelMagic)
	out[4] = featureVersion
	out[5] = modelBits
	binary.LittleEndian.PutUint16(out[6:], uint16(m.window))
	binary.LittleEndian.PutUint32(out[8:], math.Float32bits(m.bias))
	binary.LittleEndian.PutUint32(out[12:], math.Float32bits(m.scale))
	binary.LittleEndian.PutUint32(out[16:], math.Float32bits(m.raise))
	binary.LittleEndian.PutUint32(out[20:], math.Float32bits(m.raiseQuestion))
	for _, w := range m.weights {
		out = append(out, byte(w))
	}
	return out
}

// weight is the integer weight of feature hash h.
func (m *model) weight(h uint64) int32 {
	return int32(m.weights[h>>(64-modelBits)])
}

// logit is the model's log-odds that the text of f is an S1 request. A
// request of up to window features is read whole, as the model was
// trained; a longer one is read in windows of whole sentences and the most
// alarming window counts, so that a theft told in the middle of a long
// story is not diluted by the rest of it.
func (m *model) logit(f *features) float32 {
	if !f.scored {
		sums := f.sums[:0]
		start := 0
		for _, end := range f.ends {
			var s int32
			for _, h := range f.hashes[start:end] {
				s += m.weight(h)
			}
			sums = append(sums, s)
			start = int(end)
		}
		f.sums, f.scored = sums, true
	}
	sums, ends := f.sums, f.ends
	if len(ends) == 0 {
		return m.bias
	}
	if n := int(ends[len(ends)-1]); n <= m.window {
		var sum int32
		for _, s := range sums {
			sum += s
		}
		return m.windowLogit(sum, n)
	}
	best := float32(math.Inf(-1))
	for i := range sums {
		from := 0
		if i > 0 {
			from = int(ends[i-1])
		}
		sum, j := sums[i], i
		for j+1 < len(sums) && int(ends[j+1])-from <= m.window {
			j++
			sum += sums[j]
		}
		best = max(best, m.windowLogit(sum, int(ends[j])-from))
		if j == len(sums)-1 {
			break // later windows are parts of this one
		}
	}
	return best
}

func (m *model) windowLogit(sum int32, n int) float32 {
	if n <= 0 {
		return m.bias // nothing to read (and no NaN: a NaN logit would pass any threshold test)
	}
	return m.bias + m.scale*float32(sum)/float32(math.Sqrt(float64(n)))
}

// logitOf is the inverse of the logistic function, for thresholds given as
// probabilities.
func logitOf(p float64) float32 { return float32(math.Log(p / (1 - p))) }

// probability is the logistic function, for reports.
func probability(logit float32) float64 { return 1 / (1 + math.Exp(-float64(logit))) }
