<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
    <context>
        <name>BackupTableModel</name>
        <message>
            <source>Taken (lot time)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Bookings (active / all)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Size</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>File</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>today</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>yesterday</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n days ago</source>
            <translation>
                <numerusform>%n 天前</numerusform>
            </translation>
        </message>
        <message>
            <source>{when} ({age})</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{active} / {total}</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>FileDialogs</name>
        <message>
            <source>Folder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>File</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 file</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Labels</name>
        <message>
            <source>stage</source>
            <comment>kind</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>workshop</source>
            <comment>kind</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>crew</source>
            <comment>kind</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Stages</source>
            <comment>group of rows</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Workshops</source>
            <comment>group of rows</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Crew</source>
            <comment>group of rows</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>hold</source>
            <comment>status</comment>
            <translation>暂定</translation>
        </message>
        <message>
            <source>confirmed</source>
            <comment>status</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>cancelled</source>
            <comment>status</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>build</source>
            <comment>activity</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>prelight</source>
            <comment>activity</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>shoot</source>
            <comment>activity</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>strike</source>
            <comment>activity</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>prep</source>
            <comment>activity</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>shift</source>
            <comment>activity</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>maintenance</source>
            <comment>activity</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>other</source>
            <comment>activity</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>error</source>
            <comment>severity</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>warning</source>
            <comment>severity</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>info</source>
            <comment>severity</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>overbooked</source>
            <comment>rule capacity</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>under maintenance</source>
            <comment>rule maintenance</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>blocked hold</source>
            <comment>rule blocked_hold</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>queued hold</source>
            <comment>rule hold_rank</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>short rest</source>
            <comment>rule turnaround</comment>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>QPrintPreviewDialog</name>
        <message>
            <source>Print</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>RestoreBackupDialog</name>
        <message>
            <source>Restore backup</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>every database</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Backups of {which} in {folder}. The one you pick is restored as a new file; the open database and the backup stay as they are.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Restore as new file…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>reading backups…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No backups yet: one is taken each day the window opens this database.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Could not read the backups: {error}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Restore backup as new file</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Studio Booker databases (*.sqlite3 *.db);;All files (*)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Restoring {name} to {dest}…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Restored the backup of {taken} (bookings: {active} active / {total}) as {path}.</source>
            <translation type="unfinished" />
        </message>
    </context>
</TS>
