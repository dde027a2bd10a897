<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
    <context>
        <name>BackupTableModel</name>
        <message>
            <source>Taken (lot time)</source>
            <translation>备份时间（影视城时间）</translation>
        </message>
        <message>
            <source>Bookings (active / all)</source>
            <translation>预订（有效 / 全部）</translation>
        </message>
        <message>
            <source>Size</source>
            <translation>大小</translation>
        </message>
        <message>
            <source>File</source>
            <translation>文件</translation>
        </message>
        <message>
            <source>today</source>
            <translation>今天</translation>
        </message>
        <message>
            <source>yesterday</source>
            <translation>昨天</translation>
        </message>
        <message numerus="yes">
            <source>%n days ago</source>
            <translation>
                <numerusform>%n 天前</numerusform>
            </translation>
        </message>
        <message>
            <source>{when} ({age})</source>
            <translation>{when}（{age}）</translation>
        </message>
        <message>
            <source>{active} / {total}</source>
            <translation>{active} / {total}</translation>
        </message>
    </context>
    <context>
        <name>CsvFiles</name>
        <message>
            <source>%1 starts as UTF-16 text but is not UTF-16 text; save the file as "CSV UTF-8" (comma-separated)</source>
            <translation>%1 以 UTF-16 文本开头，但不是 UTF-16 文本；请将文件另存为“CSV UTF-8”（逗号分隔）</translation>
        </message>
        <message>
            <source>read as %1</source>
            <translation>按 %1 编码读取</translation>
        </message>
        <message>
            <source>separated by semicolons</source>
            <translation>以分号分隔</translation>
        </message>
        <message>
            <source>separated by tabs</source>
            <translation>以制表符分隔</translation>
        </message>
    </context>
    <context>
        <name>Editor</name>
        <message>
            <source>Edit booking #%1</source>
            <translation>编辑预订 #%1</translation>
        </message>
        <message>
            <source>New booking</source>
            <translation>新建预订</translation>
        </message>
        <message>
            <source>optional external booking number</source>
            <translation>可选：外部预订编号</translation>
        </message>
        <message>
            <source>&amp;Resource</source>
            <translation>资源(&amp;R)</translation>
        </message>
        <message>
            <source>&amp;Production</source>
            <translation>剧组(&amp;P)</translation>
        </message>
        <message>
            <source>&amp;Start</source>
            <translation>开始(&amp;S)</translation>
        </message>
        <message>
            <source>lot time (%1)</source>
            <translation>影视城时间（%1）</translation>
        </message>
        <message>
            <source>&amp;End</source>
            <translation>结束(&amp;E)</translation>
        </message>
        <message>
            <source>S&amp;tatus</source>
            <translation>状态(&amp;T)</translation>
        </message>
        <message>
            <source>&amp;Activity</source>
            <translation>活动(&amp;A)</translation>
        </message>
        <message>
            <source>Re&amp;f</source>
            <translation>编号(&amp;F)</translation>
        </message>
        <message>
            <source>&amp;Notes</source>
            <translation>备注(&amp;N)</translation>
        </message>
        <message>
            <source>Save (Ctrl+Enter)</source>
            <translation>保存（Ctrl+Enter）</translation>
        </message>
        <message>
            <source>What the booking rules say</source>
            <translation>预订规则的检查结果</translation>
        </message>
        <message>
            <source>Suggestions</source>
            <translation>建议</translation>
        </message>
        <message>
            <source>Free for the whole period (click to use):</source>
            <translation>整个时段都空闲（单击即可采用）：</translation>
        </message>
        <message>
            <source>resource: choose or type a resource</source>
            <translation>资源：请选择或输入一个资源</translation>
        </message>
        <message>
            <source>Checking…</source>
            <translation>正在检查…</translation>
        </message>
        <message>
            <source>Could not check: %1</source>
            <translation>无法检查：%1</translation>
        </message>
        <message>
            <source>Cannot be saved: %1</source>
            <translation>无法保存：%1</translation>
        </message>
        <message>
            <source>Can be saved, with the warnings below.</source>
            <translation>可以保存，但有以下警告。</translation>
        </message>
        <message>
            <source>Can be saved: no conflicts.</source>
            <translation>可以保存：没有冲突。</translation>
        </message>
        <message>
            <source>(no other resource of this kind and size is free then)</source>
            <translation>（届时没有其他同类、同规模的资源空闲）</translation>
        </message>
        <message>
            <source>this resource</source>
            <translation>此资源</translation>
        </message>
        <message>
            <source>Start at %1 instead (earliest free on %2)</source>
            <translation>改为 %1 开始（%2 最早的空闲时间）</translation>
        </message>
        <message>
            <source>capacity %1</source>
            <translation>容量 %1</translation>
        </message>
    </context>
    <context>
        <name>FileDialogs</name>
        <message>
            <source>Folder</source>
            <translation>文件夹</translation>
        </message>
        <message>
            <source>File</source>
            <translation>文件</translation>
        </message>
        <message>
            <source>%1 file</source>
            <translation>%1 文件</translation>
        </message>
    </context>
    <context>
        <name>GuideDialog</name>
        <message>
            <source>User guide</source>
            <translation>用户指南</translation>
        </message>
    </context>
    <context>
        <name>Labels</name>
        <message>
            <source>stage</source>
            <comment>kind</comment>
            <translation>摄影棚</translation>
        </message>
        <message>
            <source>workshop</source>
            <comment>kind</comment>
            <translation>置景车间</translation>
        </message>
        <message>
            <source>crew</source>
            <comment>kind</comment>
            <translation>剧组人员</translation>
        </message>
        <message>
            <source>Stages</source>
            <comment>group of rows</comment>
            <translation>摄影棚</translation>
        </message>
        <message>
            <source>Workshops</source>
            <comment>group of rows</comment>
            <translation>置景车间</translation>
        </message>
        <message>
            <source>Crew</source>
            <comment>group of rows</comment>
            <translation>剧组人员</translation>
        </message>
        <message>
            <source>hold</source>
            <comment>status</comment>
            <translation>暂定</translation>
        </message>
        <message>
            <source>confirmed</source>
            <comment>status</comment>
            <translation>确认</translation>
        </message>
        <message>
            <source>cancelled</source>
            <comment>status</comment>
            <translation>已取消</translation>
        </message>
        <message>
            <source>build</source>
            <comment>activity</comment>
            <translation>搭景</translation>
        </message>
        <message>
            <source>prelight</source>
            <comment>activity</comment>
            <translation>预布光</translation>
        </message>
        <message>
            <source>shoot</source>
            <comment>activity</comment>
            <translation>拍摄</translation>
        </message>
        <message>
            <source>strike</source>
            <comment>activity</comment>
            <translation>拆景</translation>
        </message>
        <message>
            <source>prep</source>
            <comment>activity</comment>
            <translation>筹备</translation>
        </message>
        <message>
            <source>shift</source>
            <comment>activity</comment>
            <translation>班次</translation>
        </message>
        <message>
            <source>maintenance</source>
            <comment>activity</comment>
            <translation>维护</translation>
        </message>
        <message>
            <source>other</source>
            <comment>activity</comment>
            <translation>其他</translation>
        </message>
        <message>
            <source>error</source>
            <comment>severity</comment>
            <translation>错误</translation>
        </message>
        <message>
            <source>warning</source>
            <comment>severity</comment>
            <translation>警告</translation>
        </message>
        <message>
            <source>info</source>
            <comment>severity</comment>
            <translation>信息</translation>
        </message>
        <message>
            <source>overbooked</source>
            <comment>rule capacity</comment>
            <translation>超订</translation>
        </message>
        <message>
            <source>under maintenance</source>
            <comment>rule maintenance</comment>
            <translation>维护中</translation>
        </message>
        <message>
            <source>blocked hold</source>
            <comment>rule blocked_hold</comment>
            <translation>受阻的暂定</translation>
        </message>
        <message>
            <source>queued hold</source>
            <comment>rule hold_rank</comment>
            <translation>排队的暂定</translation>
        </message>
        <message>
            <source>short rest</source>
            <comment>rule turnaround</comment>
            <translation>休息不足</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>Lists</source>
            <translation>列表</translation>
        </message>
        <message>
            <source>&amp;New database…</source>
            <translation>新建数据库(&amp;N)…</translation>
        </message>
        <message>
            <source>&amp;Open…</source>
            <translation>打开(&amp;O)…</translation>
        </message>
        <message>
            <source>&amp;Backup…</source>
            <translation>备份(&amp;B)…</translation>
        </message>
        <message>
            <source>Copy the live database to a file</source>
            <translation>将正在使用的数据库复制到文件</translation>
        </message>
        <message>
            <source>&amp;Restore backup…</source>
            <translation>恢复备份(&amp;R)…</translation>
        </message>
        <message>
            <source>List the daily backups and restore one as a new file</source>
            <translation>列出每日备份，并将其中一个恢复为新文件</translation>
        </message>
        <message>
            <source>Resources…</source>
            <translation>资源…</translation>
        </message>
        <message>
            <source>Productions…</source>
            <translation>剧组…</translation>
        </message>
        <message>
            <source>Bookings…</source>
            <translation>预订…</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>退出(&amp;Q)</translation>
        </message>
        <message>
            <source>&amp;Undo</source>
            <translation>撤销(&amp;U)</translation>
        </message>
        <message>
            <source>&amp;Redo</source>
            <translation>重做(&amp;R)</translation>
        </message>
        <message>
            <source>Undo</source>
            <translation>撤销</translation>
        </message>
        <message>
            <source>Redo</source>
            <translation>重做</translation>
        </message>
        <message>
            <source>&amp;New booking…</source>
            <translation>新建预订(&amp;N)…</translation>
        </message>
        <message>
            <source>&amp;Edit booking…</source>
            <translation>编辑预订(&amp;E)…</translation>
        </message>
        <message>
            <source>&amp;Confirm booking</source>
            <translation>确认预订(&amp;C)</translation>
        </message>
        <message>
            <source>Cance&amp;l booking</source>
            <translation>取消预订(&amp;L)</translation>
        </message>
        <message>
            <source>Day</source>
            <translation>日</translation>
        </message>
        <message>
            <source>Week</source>
            <translation>周</translation>
        </message>
        <message>
            <source>Month</source>
            <translation>月</translation>
        </message>
        <message>
            <source>Quarter</source>
            <translation>季度</translation>
        </message>
        <message>
            <source>Zoom &amp;in</source>
            <translation>放大(&amp;I)</translation>
        </message>
        <message>
            <source>Zoom &amp;out</source>
            <translation>缩小(&amp;O)</translation>
        </message>
        <message>
            <source>Go to &amp;today</source>
            <translation>转到今天(&amp;T)</translation>
        </message>
        <message>
            <source>&amp;Go to date…</source>
            <translation>转到日期(&amp;G)…</translation>
        </message>
        <message>
            <source>&amp;Stages</source>
            <translation>摄影棚(&amp;S)</translation>
        </message>
        <message>
            <source>&amp;Workshops</source>
            <translation>置景车间(&amp;W)</translation>
        </message>
        <message>
            <source>C&amp;rew</source>
            <translation>剧组人员(&amp;R)</translation>
        </message>
        <message>
            <source>&amp;Refresh</source>
            <translation>刷新(&amp;R)</translation>
        </message>
        <message>
            <source>&amp;About Studio Booker</source>
            <translation>关于 Studio Booker(&amp;A)</translation>
        </message>
        <message>
            <source>&amp;Keyboard shortcuts</source>
            <translation>键盘快捷键(&amp;K)</translation>
        </message>
        <message>
            <source>User &amp;guide</source>
            <translation>用户指南(&amp;G)</translation>
        </message>
        <message>
            <source>&amp;Preferences…</source>
            <translation>首选项(&amp;P)…</translation>
        </message>
        <message>
            <source>&amp;File</source>
            <translation>文件(&amp;F)</translation>
        </message>
        <message>
            <source>&amp;Recent databases</source>
            <translation>最近的数据库(&amp;R)</translation>
        </message>
        <message>
            <source>&amp;Import CSV</source>
            <translation>导入 CSV(&amp;I)</translation>
        </message>
        <message>
            <source>&amp;Export</source>
            <translation>导出(&amp;E)</translation>
        </message>
        <message>
            <source>&amp;Edit</source>
            <translation>编辑(&amp;E)</translation>
        </message>
        <message>
            <source>&amp;View</source>
            <translation>视图(&amp;V)</translation>
        </message>
        <message>
            <source>&amp;Legend</source>
            <translation>图例(&amp;L)</translation>
        </message>
        <message>
            <source>&amp;Help</source>
            <translation>帮助(&amp;H)</translation>
        </message>
        <message>
            <source>Main toolbar</source>
            <translation>主工具栏</translation>
        </message>
        <message>
            <source>reading bookings</source>
            <translation>读取预订</translation>
        </message>
        <message>
            <source>conflicts report</source>
            <translation>冲突报告</translation>
        </message>
        <message>
            <source>stages</source>
            <translation>摄影棚</translation>
        </message>
        <message>
            <source>workshops</source>
            <translation>置景车间</translation>
        </message>
        <message>
            <source>crew</source>
            <translation>剧组人员</translation>
        </message>
        <message>
            <source>no kinds</source>
            <translation>无类别</translation>
        </message>
        <message>
            <source>%1, %2 (as shown on the timeline)</source>
            <translation>%1，%2（与时间线上显示的一致）</translation>
        </message>
        <message>
            <source>go to date: %1</source>
            <translation>转到日期：%1</translation>
        </message>
        <message>
            <source>Go to date</source>
            <translation>转到日期</translation>
        </message>
        <message>
            <source>Date or time (lot time), e.g. 2026-12-03:</source>
            <translation>日期或时间（影视城当地时间），例如 2026-12-03：</translation>
        </message>
        <message>
            <source>importing %1</source>
            <translation>正在导入 %1</translation>
        </message>
        <message>
            <source>Import resources</source>
            <translation>导入资源</translation>
        </message>
        <message>
            <source>Import productions</source>
            <translation>导入剧组</translation>
        </message>
        <message>
            <source>Import bookings</source>
            <translation>导入预订</translation>
        </message>
        <message>
            <source>CSV files (*.csv);;All files (*)</source>
            <translation>CSV 文件 (*.csv);;所有文件 (*)</translation>
        </message>
        <message>
            <source>Timeline</source>
            <translation>时间线</translation>
        </message>
        <message>
            <source>drag on a row / drag a bar / drag an end</source>
            <translation>在行上拖动 / 拖动色条 / 拖动色条一端</translation>
        </message>
        <message>
            <source>create / move / resize</source>
            <translation>新建 / 移动 / 调整时长</translation>
        </message>
        <message>
            <source>Editor</source>
            <translation>编辑器</translation>
        </message>
        <message>
            <source>Save / Cancel</source>
            <translation>保存 / 取消</translation>
        </message>
        <message>
            <source>Keyboard shortcuts</source>
            <translation>键盘快捷键</translation>
        </message>
        <message>
            <source>&lt;b&gt;Studio Booker&lt;/b&gt;&lt;br&gt;Bookings for %1.&lt;br&gt;Lot time zone: %2&lt;br&gt;Database: %3</source>
            <translation>&lt;b&gt;Studio Booker 影棚预订&lt;/b&gt;&lt;br&gt;%1 的预订。&lt;br&gt;影视城时区：%2&lt;br&gt;数据库：%3</translation>
        </message>
        <message>
            <source>About Studio Booker</source>
            <translation>关于 Studio Booker</translation>
        </message>
    </context>
    <context>
        <name>PreferencesDialog</name>
        <message>
            <source>Preferences</source>
            <translation>首选项</translation>
        </message>
        <message>
            <source>System language (%1)</source>
            <translation>系统语言（%1）</translation>
        </message>
        <message>
            <source>&amp;Language:</source>
            <translation>语言(&amp;L)：</translation>
        </message>
        <message>
            <source>The window is shown again in the new language at once; nothing is lost.</source>
            <translation>窗口会立即以新语言重新显示，不会丢失任何内容。</translation>
        </message>
    </context>
    <context>
        <name>QPrintPreviewDialog</name>
        <message>
            <source>Print</source>
            <translation>打印</translation>
        </message>
    </context>
    <context>
        <name>RestoreBackupDialog</name>
        <message>
            <source>Restore backup</source>
            <translation>恢复备份</translation>
        </message>
        <message>
            <source>every database</source>
            <translation>所有数据库</translation>
        </message>
        <message>
            <source>Backups of {which} in {folder}. The one you pick is restored as a new file; the open database and the backup stay as they are.</source>
            <translation>{folder} 中 {which} 的备份。所选的备份将恢复为一个新文件；当前打开的数据库和备份本身都保持不变。</translation>
        </message>
        <message>
            <source>Restore as new file…</source>
            <translation>恢复为新文件…</translation>
        </message>
        <message>
            <source>reading backups…</source>
            <translation>正在读取备份…</translation>
        </message>
        <message>
            <source>No backups yet: one is taken each day the window opens this database.</source>
            <translation>还没有备份：窗口每天打开此数据库时会备份一次。</translation>
        </message>
        <message>
            <source>Could not read the backups: {error}</source>
            <translation>无法读取备份：{error}</translation>
        </message>
        <message>
            <source>Restore backup as new file</source>
            <translation>将备份恢复为新文件</translation>
        </message>
        <message>
            <source>Studio Booker databases (*.sqlite3 *.db);;All files (*)</source>
            <translation>Studio Booker 数据库 (*.sqlite3 *.db);;所有文件 (*)</translation>
        </message>
        <message>
            <source>Restoring {name} to {dest}…</source>
            <translation>正在将 {name} 恢复到 {dest}…</translation>
        </message>
        <message>
            <source>Restored the backup of {taken} (bookings: {active} active / {total}) as {path}.</source>
            <translation>已将 {taken} 的备份（预订：有效 {active} / 共 {total}）恢复为 {path}。</translation>
        </message>
    </context>
</TS>
