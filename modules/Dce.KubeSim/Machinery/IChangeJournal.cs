namespace Dce.KubeSim.Machinery;

/// <summary>
/// Receives every committed change in resourceVersion order, under the store lock: an implementation must only
/// hand the record on (no I/O), since every write of the cluster waits for it.
/// </summary>
public interface IChangeJournal
{
    void Append(WatchRecord record);

    void Compacted(long throughResourceVersion);
}
