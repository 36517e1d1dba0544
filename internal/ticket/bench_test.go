package ticket_test

import (
	"context"
	"strconv"
	"sync/atomic"
	"testing"

	"github.com/walletdesk/walletdesk/internal/desk"
	"github.com/walletdesk/walletdesk/internal/redact"
	"github.com/walletdesk/walletdesk/internal/store/storetest"
	"github.com/walletdesk/walletdesk/internal/ticket"
	"github.com/walletdesk/walletdesk/internal/triage"
)

// BenchmarkCreate measures creating requests (validation, redaction,
// triage, suggested articles, the first reply and the commit) in parallel
// on SQLite.
func BenchmarkCreate(b *testing.B) {
	ctx := context.Background()
	db := storetest.OpenSQLite(b)
	svc := ticket.NewService(ticket.Config{MaxPerEmailPerHour: -1}, db.Tickets(), redact.New(), triage.New(triage.Config{}), helpCenter(&testing.T{}), nil)
	bodies := []ticket.Draft{
		{Subject: "transfer stuck", Body: "My USDT transfer on Ethereum has been pending for three hours, what should I do?", Locale: desk.English},
		{Subject: "转账卡住", Body: "我的USDT转账一直在打包中，已经好几个小时了，怎么办？", Locale: desk.Chinese},
		{Subject: "送金が届かない", Body: "昨日送ったUSDTがまだ相手に届いていません。どうすればいいですか。", Locale: desk.Japanese},
	}
	var n atomic.Int64
	b.SetParallelism(8)
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			i := n.Add(1)
			d := bodies[i%3]
			d.Email = "user" + strconv.FormatInt(i, 10) + "@example.com"
			if _, err := svc.Create(ctx, d); err != nil {
				b.Fatal(err)
			}
		}
	})
}
