# RSS of both instances and the p99 latency of every answer, per 10-second sample, with the
# injected faults marked. Called by bench/soak.sh with samples, faults and output set.
set terminal svg size 1000,520 dynamic font "sans,11"
set output output
set datafile separator ","
set key bottom right
set xlabel "seconds into the run"
set ylabel "RSS (MiB)"
set y2label "p99 latency (ms)"
set y2tics
set ytics nomirror
set grid
set title "ProEventa soak: RSS per instance and p99 latency (faults marked)"
load faults
plot samples using 1:5 skip 1 with lines lw 2 title "RSS A", \
     samples using 1:8 skip 1 with lines lw 2 title "RSS B (killed and restarted)", \
     samples using 1:3 skip 1 axes x1y2 with lines lc rgb "#cc3333" title "p99 (right axis)"
