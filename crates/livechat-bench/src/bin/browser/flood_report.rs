//! The flood's figures: delivery, send → in-the-DOM delays, main-thread time per message, DOM
//! nodes and heap from the reference point on, and, when messages were late, the seconds that
//! made them late; with a row per figure in the summary.

use livechat_bench::percentiles::percentile;

use crate::devtools::metric;
use crate::figures::{mb, ms, signed_mb, verdict, Summary};
use crate::flood::{window, FloodReport, Sample, Window};

/// The targets, printed beside the figures.
const TARGET_P99_MS: f64 = 100.0;
const TARGET_DOM_PCT: f64 = 5.0;
const TARGET_HEAP_GROWTH: f64 = 2.0 * 1024.0 * 1024.0;

pub fn report_flood(r: &FloodReport, summary: &mut Summary) {
    let delivered = r.delays.len();
    let d = |name: &str| metric(&r.end, name) - metric(&r.base, name);
    let per_msg_ms = |name: &str| d(name) * 1000.0 / delivered.max(1) as f64;
    let wall = d("Timestamp");
    let p50 = percentile(&r.delays, 50.0);
    let p99 = percentile(&r.delays, 99.0);
    let max = percentile(&r.delays, 100.0);

    println!("\n### Flood results\n");
    println!(
        "- the flood page joined {:.0} ms after navigating (a cold profile too; not in the median)",
        r.join.total_ms
    );
    println!(
        "- sender: {} of {} sent in {:.1} s ({:.0}/s, target {}/s), at most {:.1} ms behind schedule{}",
        r.sender.sent,
        r.n,
        r.sender.seconds,
        r.sender.sent as f64 / r.sender.seconds.max(1e-9),
        r.rate,
        r.sender.max_late_ms,
        r.sender
            .error
            .as_ref()
            .map_or_else(String::new, |e| format!("; stopped: {e}")),
    );
    println!(
        "- delivered to the page: {delivered} of {} ({} shown twice, {} missing); first to last shown {:.1} s ({:.0}/s)",
        r.sender.sent,
        r.dupes,
        r.sender.sent.saturating_sub(delivered),
        r.shown_span_s,
        delivered as f64 / r.shown_span_s.max(1e-9),
    );
    println!(
        "- send → in the DOM: p50 {} p99 {} max {}   (target p99 < {TARGET_P99_MS:.0} ms: {})",
        ms(p50),
        ms(p99),
        ms(max),
        verdict(p99.is_some_and(|p| p < TARGET_P99_MS))
    );
    println!(
        "- main thread over {:.1} s: script {:.3} ms/message, all tasks {:.3} ms/message \
         (layout {:.3}, style {:.3}; the main thread's CPU time {:.3}); in tasks {:.0} % of the time, \
         {:.0} % in script; {:.0} layouts, {:.0} style recalcs",
        wall,
        per_msg_ms("ScriptDuration"),
        per_msg_ms("TaskDuration"),
        per_msg_ms("LayoutDuration"),
        per_msg_ms("RecalcStyleDuration"),
        per_msg_ms("ThreadTime"),
        d("TaskDuration") / wall * 100.0,
        d("ScriptDuration") / wall * 100.0,
        d("LayoutCount"),
        d("RecalcStyleCount"),
    );

    let mut durations: Vec<(&String, f64)> = r
        .base
        .keys()
        .filter(|k| k.ends_with("Duration") || k.ends_with("Time"))
        .map(|k| (k, d(k) * 1000.0 / delivered.max(1) as f64))
        .collect();
    durations.sort_by(|a, b| b.1.total_cmp(&a.1));
    println!(
        "- DevTools durations per message: {}",
        durations
            .iter()
            .map(|(k, v)| format!("{k} {v:.3} ms"))
            .collect::<Vec<_>>()
            .join(", ")
    );

    // DOM and heap, from the reference point on.
    let Some(steady) = &r.steady else {
        println!(
            "- fewer than {} messages shown: no steady-state figures",
            r.steady_from
        );
        summary.row([
            "flood: send → in the DOM p50 / p99 / max".to_owned(),
            format!("{} / {} / {}", ms(p50), ms(p99), ms(max)),
            format!("p99 < {TARGET_P99_MS:.0} ms"),
        ]);
        return;
    };
    let after: Vec<&Sample> = r
        .samples
        .iter()
        .filter(|s| s.secs >= steady.secs)
        .chain([&r.end_raw, &r.end_gc])
        .collect();
    let dev = |value: f64, reference: f64| (value - reference).abs() / reference * 100.0;
    let max_dev = |f: &dyn Fn(&Sample) -> f64| {
        let reference = f(steady);
        after
            .iter()
            .map(|s| dev(f(s), reference))
            .fold(0.0, f64::max)
    };
    let dom_dev = max_dev(&|s| s.nodes as f64);
    let li_dev = max_dev(&|s| s.li as f64);
    let raw_nodes_dev = max_dev(&|s| metric(&s.m, "Nodes"));
    let ref_nodes = metric(&steady.m, "Nodes");
    let end_nodes = metric(&r.end_gc.m, "Nodes");
    let end_nodes_dev = (end_nodes - ref_nodes) / ref_nodes * 100.0;
    // Flat: the document's own nodes stay within the band, and no detached nodes pile up (after a
    // collection the renderer holds no more nodes than at the reference; fewer is fine: the
    // reference, taken mid-flood, also counts the rows in flight).
    let dom_ok = dom_dev <= TARGET_DOM_PCT && end_nodes_dev <= TARGET_DOM_PCT;
    println!(
        "- DOM nodes in the document: {} at message {} → {} at the end, max deviation from there on {dom_dev:.1} % \
         (li.lc-msg {} → {}, max deviation {li_dev:.1} %)",
        steady.nodes, steady.delivered, r.end_raw.nodes, steady.li, r.end_raw.li,
    );
    println!(
        "- CDP Nodes (every live node object in the renderer, detached ones too): {ref_nodes:.0} at message {} (after GC) \
         → {end_nodes:.0} at the end after GC ({end_nodes_dev:+.1} %); between collections the samples reach +{raw_nodes_dev:.0} % \
         (removed rows awaiting GC)   (target flat within {TARGET_DOM_PCT:.0} %: {})",
        steady.delivered,
        verdict(dom_ok),
    );
    let heap_ref = metric(&steady.m, "JSHeapUsedSize");
    let heap_end = metric(&r.end_raw.m, "JSHeapUsedSize");
    let heap_end_gc = metric(&r.end_gc.m, "JSHeapUsedSize");
    let heap_max = after
        .iter()
        .map(|s| metric(&s.m, "JSHeapUsedSize"))
        .fold(0.0, f64::max);
    let growth = heap_end_gc - heap_ref;
    println!(
        "- JS heap used: {} at message {} (after GC) → {} at the end, {} after GC: growth {}; highest sample {}   (target growth < {}: {})",
        mb(heap_ref),
        steady.delivered,
        mb(heap_end),
        mb(heap_end_gc),
        signed_mb(growth),
        mb(heap_max),
        mb(TARGET_HEAP_GROWTH),
        verdict(growth < TARGET_HEAP_GROWTH),
    );
    let wasm_growth = steady.wasm.zip(r.end_gc.wasm).map(|(a, b)| b - a);
    let messages_since = r.end_gc.delivered.saturating_sub(steady.delivered).max(1) as f64;
    let both_growth = growth + wasm_growth.unwrap_or(0.0);
    println!(
        "- wasm memory (the Rust heap's high-water mark; it never shrinks): {} → {} ({}, {} bytes per message); \
         JS heap + wasm memory growth {}   (target growth < {}: {}); JS event listeners {:.0} → {:.0}",
        steady.wasm.map_or_else(|| "-".into(), mb),
        r.end_gc.wasm.map_or_else(|| "-".into(), mb),
        wasm_growth.map_or_else(|| "-".into(), signed_mb),
        wasm_growth.map_or_else(|| "-".into(), |g| format!("{:.0}", g / messages_since)),
        signed_mb(both_growth),
        mb(TARGET_HEAP_GROWTH),
        verdict(both_growth < TARGET_HEAP_GROWTH),
        metric(&steady.m, "JSEventListeners"),
        metric(&r.end_gc.m, "JSEventListeners"),
    );
    let behind = r.sender.sent.saturating_sub(delivered);
    let max_lag = r
        .samples
        .iter()
        .map(|s| s.sent.saturating_sub(s.delivered))
        .max()
        .unwrap_or(0);
    let slow = r.delays.iter().filter(|&&d| d >= TARGET_P99_MS).count();
    let whole = r.samples.first().map(|first| window(first, &r.end_raw));
    if let Some(w) = whole {
        println!(
            "- CPU over the flood: page main thread in tasks {:.0} % of the time (on a CPU {:.0} %), \
             renderer process {:.0} % of a core, Prosody {:.0} % of a core, whole machine {:.0} % busy",
            w.tasks, w.main_cpu, w.renderer_cpu, w.server_cpu, w.machine
        );
    }
    if behind > 0 || slow > 0 {
        // The seconds with the longest delays, and what the page and the machine did then.
        let mut worst: Vec<(f64, usize, usize, Window, f64)> = r
            .samples
            .windows(2)
            .filter_map(|pair| {
                let lo = pair[0].delivered.min(delivered);
                let hi = pair[1].delivered.min(delivered);
                let max = r.delays[lo..hi].iter().copied().fold(f64::NAN, f64::max);
                (hi > lo).then(|| (max, lo, hi, window(&pair[0], &pair[1]), pair[1].secs))
            })
            .collect();
        worst.sort_by(|a, b| b.0.total_cmp(&a.0));
        println!(
            "- {slow} message(s) took {TARGET_P99_MS:.0} ms or more; at most {max_lag} sent but not yet shown at a sample. \
             The seconds with the longest delays:"
        );
        for (max, lo, hi, w, at) in worst.iter().take(3) {
            let gc = (steady.secs - at).abs() < 1.5;
            println!(
                "  - up to {at:.0} s: max {max:.0} ms over messages {lo}..{hi}; page main thread in tasks {:.0} % (on a CPU {:.0} %), \
                 renderer {:.0} %, Prosody {:.0} %, machine {:.0} % busy{}",
                w.tasks,
                w.main_cpu,
                w.renderer_cpu,
                w.server_cpu,
                w.machine,
                if gc { " (the forced GC at the reference fell here)" } else { "" },
            );
        }
        let saturated = worst.iter().take(3).any(|(_, _, _, w, _)| w.tasks >= 85.0);
        if saturated {
            println!(
                "- the page's main thread was saturated: script {:.2} ms, layout {:.2} ms, style {:.2} ms and other \
                 task work {:.2} ms per message",
                per_msg_ms("ScriptDuration"),
                per_msg_ms("LayoutDuration"),
                per_msg_ms("RecalcStyleDuration"),
                per_msg_ms("TaskOtherDuration"),
            );
        } else {
            println!(
                "- the page's main thread had spare time in those seconds: the delay came from outside its own work \
                 (waiting for a CPU on a busy machine, or the server); the sender was at most {:.0} ms behind its schedule",
                r.sender.max_late_ms
            );
        }
    } else {
        println!(
            "- the page kept up: at most {max_lag} messages sent but not yet shown at a sample, none took {TARGET_P99_MS:.0} ms"
        );
    }

    summary.row([
        "flood: messages delivered to the page".to_owned(),
        format!(
            "{delivered} / {} sent ({:.0}/s asked, {:.0}/s sent)",
            r.sender.sent,
            r.rate,
            r.sender.sent as f64 / r.sender.seconds.max(1e-9)
        ),
        "all".to_owned(),
    ]);
    summary.row([
        "flood: send → in the DOM p50 / p99 / max".to_owned(),
        format!("{} / {} / {}", ms(p50), ms(p99), ms(max)),
        format!(
            "p99 < {TARGET_P99_MS:.0} ms: {}",
            verdict(p99.is_some_and(|p| p < TARGET_P99_MS))
        ),
    ]);
    summary.row([
        format!(
            "flood: DOM nodes at msg {} → end: in the document (max deviation); CDP Nodes after GC",
            steady.delivered
        ),
        format!(
            "{} → {} ({dom_dev:.1} %); {ref_nodes:.0} → {end_nodes:.0} ({end_nodes_dev:+.1} %)",
            steady.nodes, r.end_raw.nodes
        ),
        format!("flat within {TARGET_DOM_PCT:.0} %: {}", verdict(dom_ok)),
    ]);
    summary.row([
        format!(
            "flood: JS heap at msg {} → end (after GC); growth",
            steady.delivered
        ),
        format!(
            "{} → {}; {}",
            mb(heap_ref),
            mb(heap_end_gc),
            signed_mb(growth)
        ),
        format!(
            "< {}: {}",
            mb(TARGET_HEAP_GROWTH),
            verdict(growth < TARGET_HEAP_GROWTH)
        ),
    ]);
    summary.row([
        format!(
            "flood: wasm memory (Rust heap) at msg {} → end; JS + wasm growth",
            steady.delivered
        ),
        format!(
            "{} → {} ({} bytes/message); {}",
            steady.wasm.map_or_else(|| "-".into(), mb),
            r.end_gc.wasm.map_or_else(|| "-".into(), mb),
            wasm_growth.map_or_else(|| "-".into(), |g| format!("{:.0}", g / messages_since)),
            signed_mb(both_growth),
        ),
        format!(
            "< {}: {}",
            mb(TARGET_HEAP_GROWTH),
            verdict(both_growth < TARGET_HEAP_GROWTH)
        ),
    ]);
    if let Some(w) = whole {
        summary.row([
            "flood: CPU: page main thread in tasks / renderer / Prosody / whole machine".to_owned(),
            format!(
                "{:.0} % / {:.0} % / {:.0} % / {:.0} %",
                w.tasks, w.renderer_cpu, w.server_cpu, w.machine
            ),
            "—".to_owned(),
        ]);
    }
    summary.row([
        "flood: main thread per message: script / all tasks (its CPU time)".to_owned(),
        format!(
            "{:.3} ms / {:.3} ms ({:.3} ms); in tasks {:.0} % of the time",
            per_msg_ms("ScriptDuration"),
            per_msg_ms("TaskDuration"),
            per_msg_ms("ThreadTime"),
            d("TaskDuration") / wall * 100.0,
        ),
        "—".to_owned(),
    ]);
}
