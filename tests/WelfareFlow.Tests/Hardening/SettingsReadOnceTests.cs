using System.Diagnostics;
using System.Globalization;
using WelfareFlow.Tests.Azurite;
using WelfareFlow.Tests.Support;

namespace WelfareFlow.Tests.Hardening;

/// <summary>The Server and its engine's sidecar read their settings once (ServerSetup.SettingsReadOnce): no inotify
/// watch on their content roots or any folder under them. Reloading settings on change watches every folder of the
/// tree, thousands for a checkout with Azurite's node_modules against a per-user limit, and the default data folder,
/// where Azurite writes all the time, is among them.</summary>
[Collection("azurite")]
public sealed class SettingsReadOnceTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task RunningServer_WatchesNoFolderOfItsContentRootOrWorkingFolder()
    {
        Assert.True(OperatingSystem.IsLinux(), "Reads the process's inotify watches from /proc (Linux).");
        await using var server = await WelfareServer.StartAsync(azurite.ConnectionString);

        // The Server's content root is its folder; the sidecar's is the working folder (this test's output folder).
        var folders = new[] { server.Folder, Directory.GetCurrentDirectory() }
            .SelectMany(root => Directory.EnumerateDirectories(root, "*", SearchOption.AllDirectories).Prepend(root)).ToList();
        Assert.True(folders.Count > 10, "The working folder has folders under it (runtimes, resources) to watch or not.");
        var inodes = await InodesAsync(folders);
        var watched = WatchedInodes();

        // Any host of this process that watches them fails this (the tests' own hosts read their settings once, too).
        Assert.DoesNotContain(folders, f => watched.Contains(inodes[f]));
    }

    /// <summary>The inode of every folder watched by an inotify instance of this process.</summary>
    static HashSet<ulong> WatchedInodes()
    {
        var watched = new HashSet<ulong>();
        foreach (var fd in Directory.EnumerateFiles("/proc/self/fd"))
        {
            string? target;
            try { target = new FileInfo(fd).LinkTarget; } catch (IOException) { continue; }
            if (target != "anon_inode:inotify") continue;
            string[] lines;
            try { lines = File.ReadAllLines($"/proc/self/fdinfo/{Path.GetFileName(fd)}"); } catch (IOException) { continue; }
            // "inotify wd:3 ino:5f8c1 sdev:fd00001 mask:… ": the inode in hexadecimal.
            foreach (var ino in lines.Where(l => l.StartsWith("inotify ", StringComparison.Ordinal)).Select(l => l.Split(' ').First(p => p.StartsWith("ino:", StringComparison.Ordinal))[4..]))
                watched.Add(ulong.Parse(ino, NumberStyles.HexNumber, CultureInfo.InvariantCulture));
        }

        return watched;
    }

    static async Task<Dictionary<string, ulong>> InodesAsync(IReadOnlyList<string> folders)
    {
        var inodes = new Dictionary<string, ulong>(StringComparer.Ordinal);
        foreach (var chunk in folders.Chunk(200))
        {
            var start = new ProcessStartInfo("stat") { RedirectStandardOutput = true };
            foreach (var arg in new[] { "-c", "%i" }.Concat(chunk)) start.ArgumentList.Add(arg);
            using var stat = Process.Start(start)!;
            var lines = (await stat.StandardOutput.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            await stat.WaitForExitAsync();
            Assert.Equal(chunk.Length, lines.Length);
            for (var i = 0; i < chunk.Length; i++) inodes[chunk[i]] = ulong.Parse(lines[i], CultureInfo.InvariantCulture);
        }

        return inodes;
    }
}
