// Placeholder until the benchmark lands (issue: benchmark and performance).
return 0;
