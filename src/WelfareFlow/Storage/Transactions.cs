namespace WelfareFlow.Storage;

public static class Transactions
{
    /// <summary>A Table transaction's limit on actions (all in one partition).</summary>
    public const int MaxActions = 100;

    /// <summary>Items packed in order into groups of at most <see cref="MaxActions"/> actions, no item split across
    /// two groups (an item of more actions than that goes alone).</summary>
    public static List<List<T>> Pack<T>(IEnumerable<T> items, Func<T, int> actions)
    {
        var groups = new List<List<T>>();
        var size = 0;
        foreach (var item in items)
        {
            if (groups.Count == 0 || size + actions(item) > MaxActions)
            {
                groups.Add([]);
                size = 0;
            }

            groups[^1].Add(item);
            size += actions(item);
        }

        return groups;
    }
}
