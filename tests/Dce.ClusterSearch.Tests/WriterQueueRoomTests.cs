using Dce.ClusterSearch.Sync;

namespace Dce.ClusterSearch.Tests;

public sealed class WriterQueueRoomTests
{
    [Fact]
    public async Task A_full_queue_holds_the_next_page_until_written_changes_give_their_room_back_and_serves_waiters_in_order()
    {
        var room = new WriterQueueRoom(1_000);
        await room.TakeAsync(600, CancellationToken.None);
        await room.TakeAsync(400, CancellationToken.None);

        var first = room.TakeAsync(500, CancellationToken.None);
        var second = room.TakeAsync(10, CancellationToken.None);
        Assert.False(first.IsCompleted);
        Assert.False(second.IsCompleted);

        // Room for the small one, not yet for the page before it: the small one waits its turn.
        room.Return(400);
        await Task.Delay(50);
        Assert.False(first.IsCompleted);
        Assert.False(second.IsCompleted);

        room.Return(600);
        await first.WaitAsync(TimeSpan.FromSeconds(10));
        await second.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(510, room.Taken);
    }

    [Fact]
    public async Task A_waiter_that_gives_up_leaves_and_lets_the_smaller_ones_behind_it_in()
    {
        var room = new WriterQueueRoom(100);
        await room.TakeAsync(90, CancellationToken.None);
        using var giveUp = new CancellationTokenSource();
        var large = room.TakeAsync(50, giveUp.Token);
        var small = room.TakeAsync(10, CancellationToken.None);
        Assert.False(small.IsCompleted);

        await giveUp.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => large);
        await small.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(100, room.Taken);
    }

    [Fact]
    public async Task A_page_larger_than_the_whole_queue_goes_in_alone_when_the_queue_is_empty()
    {
        var room = new WriterQueueRoom(100);
        await room.TakeAsync(250, CancellationToken.None);
        var next = room.TakeAsync(1, CancellationToken.None);
        Assert.False(next.IsCompleted);

        room.Return(250);

        await next.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1, room.Taken);
    }
}
