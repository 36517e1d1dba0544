package chain

var messagesEN = map[string]string{
	// Findings: EVM, mined.
	"confirmed":       "Confirmed in block {block|n} (confirmations: {confirmations|n}). Fee paid: {fee} {symbol}.",
	"out_of_gas":      "Failed: it ran out of gas. It used all {gas_used|n} gas of its limit of {gas_limit|n}. The fee of {fee} {symbol} was still paid; the transfer itself did not happen.",
	"reverted":        "Failed: the contract rejected it (reverted) after using {gas_used|n} of {gas_limit|n} gas. The node gave no reason. The fee of {fee} {symbol} was still paid; the transfer itself did not happen.",
	"reverted_reason": "Failed: the contract rejected it with the reason “{reason}” after using {gas_used|n} of {gas_limit|n} gas. The fee of {fee} {symbol} was still paid; the transfer itself did not happen.",
	"receipt_missing": "It is in block {block|n}, but this node has not indexed its result yet.",

	// Findings: EVM, pending.
	"fee_below_base_fee":         "Its max fee ({max_fee_gwei} gwei) is below the current base fee ({base_fee_gwei} gwei): no block can include it until the base fee falls below its max fee.",
	"fee_below_base_fee_legacy":  "Its gas price ({max_fee_gwei} gwei) is below the current base fee ({base_fee_gwei} gwei): no block can include it until the base fee falls below its gas price.",
	"tip_below_market":           "Its priority fee (tip) of {tip_gwei} gwei is far below what recent blocks paid: over the last {blocks} blocks the cheapest tenth paid {low_tip_gwei} gwei and the median was {market_tip_gwei} gwei. Block producers pick better-paying transactions first.",
	"tip_below_market_suggested": "Its priority fee (tip) of {tip_gwei} gwei is far below the {market_tip_gwei} gwei the node currently suggests. Block producers pick better-paying transactions first.",
	"nonce_gap":                  "It uses nonce {nonce}, but nonce {missing_nonce} from the same sender was never sent or was dropped. Transactions run in nonce order, so this one waits until nonce {missing_nonce} is used.",
	"nonce_gap_range":            "It uses nonce {nonce}, but nonces {missing_nonce} to {last_missing_nonce} from the same sender are missing (never sent or dropped). Transactions run in nonce order, so this one waits until nonce {missing_nonce} is used.",
	"earlier_nonce_pending":      "An earlier transaction from the same sender (nonce {pending_nonce}) is still pending. This one (nonce {nonce}) waits behind it.",
	"pending_ok":                 "It is waiting to be included. Its fees look sufficient (max fee {max_fee_gwei} gwei, tip {tip_gwei} gwei; base fee now {base_fee_gwei} gwei), so it should confirm soon.",

	// Findings: EVM, vanished.
	"replaced_by":         "Nonce {nonce} was used by another transaction, {hash}. That one counts instead; this hash will never confirm.",
	"replaced_by_cancel":  "Nonce {nonce} was used by a cancellation, {hash} (0 sent to the sender itself). This transfer was cancelled and will never confirm.",
	"replaced_by_unknown": "Nonce {nonce} was used by another transaction from the same sender, so this hash will never confirm.",
	"dropped":             "No node knows this transaction any more, and nonce {nonce} of the sender is still unused: it was dropped from the pool (first seen {first_seen}). Nothing left the wallet.",

	// Findings: where.
	"found_on_other_chain": "It is not on {asked_name}: it was sent on {chain_name}.",
	"not_found":            "None of the checked networks ({chains}) knows this transaction. It was never broadcast, it expired from the pool, or the hash has a typo.",
	"chains_unchecked":     "These networks could not be checked right now: {chains}.",
	"chain_corrected":      "It is not on {asked} but on {chain}; here is what {chain} says.",
	"address_not_involved": "The address you gave ({address}) is neither the sender nor the recipient of this transaction.",

	// Findings: Bitcoin.
	"confirmed_btc":       "Confirmed in block {block|n} (confirmations: {confirmations|n}). Fee paid: {fee} BTC.",
	"fee_rate_no_market":  "It is unconfirmed, paying {fee_rate} sat/vB ({fee_sat|n} sat for {vsize|n} vB). Current fee estimates are unavailable.",
	"fee_rate_next_block": "It is unconfirmed, paying {fee_rate} sat/vB, at or above the next-block estimate ({next_block} sat/vB): it should confirm in the next block or two.",
	"fee_rate_hour":       "It is unconfirmed, paying {fee_rate} sat/vB: below the next-block estimate ({next_block} sat/vB) but above the 6-block estimate ({six_blocks} sat/vB), so it should confirm within about an hour.",
	"fee_rate_day":        "It is unconfirmed, paying {fee_rate} sat/vB: below the 6-block estimate ({six_blocks} sat/vB) and above the 1-day estimate ({one_day} sat/vB). It may take hours to a day.",
	"fee_rate_below_day":  "It is unconfirmed, paying {fee_rate} sat/vB: below even the 1-day estimate ({one_day} sat/vB). It may wait for days, and nodes drop it after about two weeks.",
	"rbf_bip125":          "The sender can replace it with a higher fee (RBF): it signals BIP125 replaceability.",
	"rbf_full":            "It does not signal BIP125, but most nodes now accept replacements anyway (full RBF, the default since Bitcoin Core 28), so the sender can usually still replace it with a higher fee; some wallets and services refuse.",
	"cpfp_you":            "You are a receiver: you can speed it up yourself by spending your incoming output with a high fee (CPFP, child pays for parent).",
	"cpfp_receiver":       "A receiver can speed it up by spending the incoming output with a high fee (CPFP, child pays for parent).",

	// Findings: TRON.
	"confirmed_tron":       "Succeeded in block {block|n}. TRX burned for fees: {trx_burned} TRX.",
	"out_of_energy":        "Failed: out of energy. It used {energy_used|n} energy and hit its fee limit of {fee_limit_trx} TRX. {trx_burned} TRX were burned anyway; the transfer itself did not happen.",
	"reverted_tron":        "Failed: the contract rejected it (REVERT). {trx_burned} TRX were burned anyway; the transfer itself did not happen.",
	"reverted_tron_reason": "Failed: the contract rejected it with the reason “{reason}”. {trx_burned} TRX were burned anyway; the transfer itself did not happen.",
	"out_of_time":          "Failed: the contract call took too long (OUT_OF_TIME), which burns the whole fee limit: {trx_burned} TRX.",
	"tron_failed":          "Failed with result {result}. {trx_burned} TRX were burned anyway.",
	"tron_resources":       "Resources used: {energy_used|n} energy ({energy_staked|n} from staked energy, {energy_burned|n} paid by burning {energy_fee_trx} TRX) and {bandwidth_used|n} bandwidth (burned {bandwidth_fee_trx} TRX). Total burned: {trx_burned} TRX.",
	"account_resources":    "The account {address} has {energy_available|n} energy available now (of {energy_limit|n}) and {bandwidth_available|n} bandwidth ({free_bandwidth_left|n} of it free for today).",
	"tron_pending":         "The network knows it, but it is not in a block yet.",
	"tron_expired":         "It was never included and expired at {expired_at}; it can no longer be included. Nothing left the wallet.",

	// Advice.
	"share_hash":            "If the receiver (an exchange, for example) does not show it yet, give them this hash: services credit a deposit after their own number of confirmations.",
	"raise_gas_limit":       "Send it again with a higher gas limit than {gas_limit|n}: let the wallet estimate it and do not lower it by hand.",
	"raise_gas_limit_to":    "Send it again with a gas limit of at least {suggested_gas_limit|n} (it had {gas_limit|n}): let the wallet estimate it and do not lower it by hand.",
	"fix_before_retry":      "Find out why the contract refused it (balance, allowance, slippage, deadline, or a paused token) before retrying: an unchanged retry fails again and costs another fee.",
	"check_again":           "Check again in a minute or two.",
	"fill_nonce":            "First send a transaction with nonce {missing_nonce} (or cancel it: 0 to your own address with nonce {missing_nonce}); the waiting ones follow on their own.",
	"unblock_earlier":       "First speed up or cancel nonce {pending_nonce}; this one follows on its own.",
	"speed_up":              "Speed up: send a replacement with the same nonce {nonce} and max fee ≥ {max_fee_gwei} gwei, tip ≥ {tip_gwei} gwei (at least 10% above the current values, and above today's base fee of {base_fee_gwei} gwei). To cancel instead, send 0 to your own address with nonce {nonce} and the same fees.",
	"speed_up_legacy":       "Speed up: send a replacement with the same nonce {nonce} and a gas price ≥ {gas_price_gwei} gwei (at least 10% above the current one, and above today's base fee of {base_fee_gwei} gwei). To cancel instead, send 0 to your own address with nonce {nonce} at that gas price.",
	"wait":                  "Nothing to do yet: wait a few minutes. If it is still waiting much later, check it again here.",
	"check_account_history": "Look at the sender's history in an explorer: the transaction with that nonce is the real outcome.",
	"check_replacement":     "Check {hash}: it is the real outcome of this transfer.",
	"resend":                "Send the transfer again. Your funds did not move; the new transaction takes nonce {nonce}.",
	"switch_network":        "Your transfer went to {chain_name}; your tokens are at the same address there. Switch your wallet to {chain_name} to see and use them.",
	"check_hash":            "Copy the hash again from your wallet's activity list and check which network you sent on.",
	"bump_fee":              "Bump the fee (RBF): replace it with at least {fee_rate} sat/vB, and more in total than the original {fee_sat|n} sat (at least {min_fee_sat|n} sat at the same size). {six_blocks} sat/vB would confirm within about an hour.",
	"cpfp":                  "Receiver: spend the incoming output at about {child_fee_rate} sat/vB (a one-input, one-output child of about {child_vsize} vB), so that both confirm at about {fee_rate} sat/vB.",
	"resend_tron":           "Send it again; it will need a fresh signature.",
	"raise_fee_limit":       "Raise the fee limit above {fee_limit_trx} TRX or get energy first: a USDT transfer needs about {usdt_energy|n} energy (about {usdt_energy_new|n} to an address that never held USDT), about {trx_needed} TRX if burned.",
	"tron_next_time":        "Next time, have energy for the call (this one used {energy_used|n}) by staking or renting TRX, or keep TRX to burn. Each account gets {free_bandwidth} free bandwidth a day; a transfer uses about {transfer_bandwidth}.",
	"tron_next_time_usdt":   "Next time, before a USDT transfer, have about {usdt_energy|n} energy (about {usdt_energy_new|n} if the receiver never held USDT) by staking or renting TRX, or keep at least {trx_needed} TRX to burn. Each account gets {free_bandwidth} free bandwidth a day; a transfer uses about {transfer_bandwidth}.",
}
