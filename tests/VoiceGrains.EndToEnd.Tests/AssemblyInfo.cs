// Live calls run in real time on the machine's few cores: two clusters taking calls side by side slowed each
// other's caller-side timing enough to change what a call heard (a failure seen once with both running).
[assembly: CollectionBehavior(DisableTestParallelization = true)]
