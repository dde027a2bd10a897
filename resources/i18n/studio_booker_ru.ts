<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
    <context>
        <name>BackupTableModel</name>
        <message>
            <source>Taken (lot time)</source>
            <translation>Создана (время площадки)</translation>
        </message>
        <message>
            <source>Bookings (active / all)</source>
            <translation>Бронирования (действующие / все)</translation>
        </message>
        <message>
            <source>Size</source>
            <translation>Размер</translation>
        </message>
        <message>
            <source>File</source>
            <translation>Файл</translation>
        </message>
        <message>
            <source>today</source>
            <translation>сегодня</translation>
        </message>
        <message>
            <source>yesterday</source>
            <translation>вчера</translation>
        </message>
        <message numerus="yes">
            <source>%n days ago</source>
            <translation>
                <numerusform>%n день назад</numerusform>
                <numerusform>%n дня назад</numerusform>
                <numerusform>%n дней назад</numerusform>
            </translation>
        </message>
        <message>
            <source>{when} ({age})</source>
            <translation>{when} ({age})</translation>
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
            <translation>%1 начинается как текст UTF-16, но не является текстом UTF-16; сохраните файл как «CSV UTF-8» (с разделителями-запятыми)</translation>
        </message>
        <message>
            <source>read as %1</source>
            <translation>прочитан как %1</translation>
        </message>
        <message>
            <source>separated by semicolons</source>
            <translation>разделён точками с запятой</translation>
        </message>
        <message>
            <source>separated by tabs</source>
            <translation>разделён табуляцией</translation>
        </message>
    </context>
    <context>
        <name>Editor</name>
        <message>
            <source>Edit booking #%1</source>
            <translation>Изменить бронирование №%1</translation>
        </message>
        <message>
            <source>New booking</source>
            <translation>Новое бронирование</translation>
        </message>
        <message>
            <source>optional external booking number</source>
            <translation>необязательный внешний номер брони</translation>
        </message>
        <message>
            <source>&amp;Resource</source>
            <translation>&amp;Ресурс</translation>
        </message>
        <message>
            <source>&amp;Production</source>
            <translation>&amp;Проект</translation>
        </message>
        <message>
            <source>&amp;Start</source>
            <translation>&amp;Начало</translation>
        </message>
        <message>
            <source>lot time (%1)</source>
            <translation>время площадки (%1)</translation>
        </message>
        <message>
            <source>&amp;End</source>
            <translation>&amp;Конец</translation>
        </message>
        <message>
            <source>S&amp;tatus</source>
            <translation>С&amp;татус</translation>
        </message>
        <message>
            <source>&amp;Activity</source>
            <translation>&amp;Работы</translation>
        </message>
        <message>
            <source>Re&amp;f</source>
            <translation>&amp;Номер</translation>
        </message>
        <message>
            <source>&amp;Notes</source>
            <translation>&amp;Примечания</translation>
        </message>
        <message>
            <source>Save (Ctrl+Enter)</source>
            <translation>Сохранить (Ctrl+Enter)</translation>
        </message>
        <message>
            <source>What the booking rules say</source>
            <translation>Что говорят правила бронирования</translation>
        </message>
        <message>
            <source>Suggestions</source>
            <translation>Варианты</translation>
        </message>
        <message>
            <source>Free for the whole period (click to use):</source>
            <translation>Свободны на весь период (нажмите, чтобы выбрать):</translation>
        </message>
        <message>
            <source>resource: choose or type a resource</source>
            <translation>ресурс: выберите или введите ресурс</translation>
        </message>
        <message>
            <source>Checking…</source>
            <translation>Проверка…</translation>
        </message>
        <message>
            <source>Could not check: %1</source>
            <translation>Не удалось проверить: %1</translation>
        </message>
        <message>
            <source>Cannot be saved: %1</source>
            <translation>Нельзя сохранить: %1</translation>
        </message>
        <message>
            <source>Can be saved, with the warnings below.</source>
            <translation>Можно сохранить, но есть предупреждения ниже.</translation>
        </message>
        <message>
            <source>Can be saved: no conflicts.</source>
            <translation>Можно сохранить: конфликтов нет.</translation>
        </message>
        <message>
            <source>(no other resource of this kind and size is free then)</source>
            <translation>(другого ресурса этого вида и размера в это время нет)</translation>
        </message>
        <message>
            <source>this resource</source>
            <translation>этом ресурсе</translation>
        </message>
        <message>
            <source>Start at %1 instead (earliest free on %2)</source>
            <translation>Начать в %1 (раньше всего свободно: %2)</translation>
        </message>
        <message>
            <source>capacity %1</source>
            <translation>вместимость %1</translation>
        </message>
    </context>
    <context>
        <name>FileDialogs</name>
        <message>
            <source>Folder</source>
            <translation>Папка</translation>
        </message>
        <message>
            <source>File</source>
            <translation>Файл</translation>
        </message>
        <message>
            <source>%1 file</source>
            <translation>Файл %1</translation>
        </message>
    </context>
    <context>
        <name>GuideDialog</name>
        <message>
            <source>User guide</source>
            <translation>Руководство пользователя</translation>
        </message>
    </context>
    <context>
        <name>Labels</name>
        <message>
            <source>stage</source>
            <comment>kind</comment>
            <translation>павильон</translation>
        </message>
        <message>
            <source>workshop</source>
            <comment>kind</comment>
            <translation>цех</translation>
        </message>
        <message>
            <source>crew</source>
            <comment>kind</comment>
            <translation>сотрудник</translation>
        </message>
        <message>
            <source>Stages</source>
            <comment>group of rows</comment>
            <translation>Павильоны</translation>
        </message>
        <message>
            <source>Workshops</source>
            <comment>group of rows</comment>
            <translation>Цеха</translation>
        </message>
        <message>
            <source>Crew</source>
            <comment>group of rows</comment>
            <translation>Съёмочная группа</translation>
        </message>
        <message>
            <source>hold</source>
            <comment>status</comment>
            <translation>предварительно</translation>
        </message>
        <message>
            <source>confirmed</source>
            <comment>status</comment>
            <translation>подтверждено</translation>
        </message>
        <message>
            <source>cancelled</source>
            <comment>status</comment>
            <translation>отменено</translation>
        </message>
        <message>
            <source>build</source>
            <comment>activity</comment>
            <translation>строительство</translation>
        </message>
        <message>
            <source>prelight</source>
            <comment>activity</comment>
            <translation>предсветка</translation>
        </message>
        <message>
            <source>shoot</source>
            <comment>activity</comment>
            <translation>съёмка</translation>
        </message>
        <message>
            <source>strike</source>
            <comment>activity</comment>
            <translation>демонтаж</translation>
        </message>
        <message>
            <source>prep</source>
            <comment>activity</comment>
            <translation>подготовка</translation>
        </message>
        <message>
            <source>shift</source>
            <comment>activity</comment>
            <translation>смена</translation>
        </message>
        <message>
            <source>maintenance</source>
            <comment>activity</comment>
            <translation>обслуживание</translation>
        </message>
        <message>
            <source>other</source>
            <comment>activity</comment>
            <translation>другое</translation>
        </message>
        <message>
            <source>error</source>
            <comment>severity</comment>
            <translation>ошибка</translation>
        </message>
        <message>
            <source>warning</source>
            <comment>severity</comment>
            <translation>предупреждение</translation>
        </message>
        <message>
            <source>info</source>
            <comment>severity</comment>
            <translation>информация</translation>
        </message>
        <message>
            <source>overbooked</source>
            <comment>rule capacity</comment>
            <translation>перебронирование</translation>
        </message>
        <message>
            <source>under maintenance</source>
            <comment>rule maintenance</comment>
            <translation>на обслуживании</translation>
        </message>
        <message>
            <source>blocked hold</source>
            <comment>rule blocked_hold</comment>
            <translation>заблокированная бронь</translation>
        </message>
        <message>
            <source>queued hold</source>
            <comment>rule hold_rank</comment>
            <translation>бронь в очереди</translation>
        </message>
        <message>
            <source>short rest</source>
            <comment>rule turnaround</comment>
            <translation>мало отдыха</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>Lists</source>
            <translation>Списки</translation>
        </message>
        <message>
            <source>&amp;New database…</source>
            <translation>&amp;Новая база данных…</translation>
        </message>
        <message>
            <source>&amp;Open…</source>
            <translation>&amp;Открыть…</translation>
        </message>
        <message>
            <source>&amp;Backup…</source>
            <translation>&amp;Резервная копия…</translation>
        </message>
        <message>
            <source>Copy the live database to a file</source>
            <translation>Скопировать рабочую базу данных в файл</translation>
        </message>
        <message>
            <source>&amp;Restore backup…</source>
            <translation>&amp;Восстановить из копии…</translation>
        </message>
        <message>
            <source>List the daily backups and restore one as a new file</source>
            <translation>Показать ежедневные копии и восстановить одну в новый файл</translation>
        </message>
        <message>
            <source>Resources…</source>
            <translation>Ресурсы…</translation>
        </message>
        <message>
            <source>Productions…</source>
            <translation>Проекты…</translation>
        </message>
        <message>
            <source>Bookings…</source>
            <translation>Бронирования…</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>В&amp;ыход</translation>
        </message>
        <message>
            <source>&amp;Undo</source>
            <translation>&amp;Отменить</translation>
        </message>
        <message>
            <source>&amp;Redo</source>
            <translation>&amp;Повторить</translation>
        </message>
        <message>
            <source>Undo</source>
            <translation>Отменить</translation>
        </message>
        <message>
            <source>Redo</source>
            <translation>Повторить</translation>
        </message>
        <message>
            <source>&amp;New booking…</source>
            <translation>&amp;Новое бронирование…</translation>
        </message>
        <message>
            <source>&amp;Edit booking…</source>
            <translation>&amp;Изменить бронирование…</translation>
        </message>
        <message>
            <source>&amp;Confirm booking</source>
            <translation>&amp;Подтвердить бронирование</translation>
        </message>
        <message>
            <source>Cance&amp;l booking</source>
            <translation>О&amp;тменить бронирование</translation>
        </message>
        <message>
            <source>Day</source>
            <translation>День</translation>
        </message>
        <message>
            <source>Week</source>
            <translation>Неделя</translation>
        </message>
        <message>
            <source>Month</source>
            <translation>Месяц</translation>
        </message>
        <message>
            <source>Quarter</source>
            <translation>Квартал</translation>
        </message>
        <message>
            <source>Zoom &amp;in</source>
            <translation>&amp;Крупнее</translation>
        </message>
        <message>
            <source>Zoom &amp;out</source>
            <translation>&amp;Мельче</translation>
        </message>
        <message>
            <source>Go to &amp;today</source>
            <translation>К &amp;сегодняшнему дню</translation>
        </message>
        <message>
            <source>&amp;Go to date…</source>
            <translation>&amp;Перейти к дате…</translation>
        </message>
        <message>
            <source>&amp;Stages</source>
            <translation>&amp;Павильоны</translation>
        </message>
        <message>
            <source>&amp;Workshops</source>
            <translation>&amp;Цеха</translation>
        </message>
        <message>
            <source>C&amp;rew</source>
            <translation>&amp;Съёмочная группа</translation>
        </message>
        <message>
            <source>&amp;Refresh</source>
            <translation>&amp;Обновить</translation>
        </message>
        <message>
            <source>&amp;About Studio Booker</source>
            <translation>&amp;О программе Studio Booker</translation>
        </message>
        <message>
            <source>&amp;Keyboard shortcuts</source>
            <translation>&amp;Сочетания клавиш</translation>
        </message>
        <message>
            <source>User &amp;guide</source>
            <translation>&amp;Руководство пользователя</translation>
        </message>
        <message>
            <source>&amp;Preferences…</source>
            <translation>&amp;Настройки…</translation>
        </message>
        <message>
            <source>&amp;File</source>
            <translation>&amp;Файл</translation>
        </message>
        <message>
            <source>&amp;Recent databases</source>
            <translation>&amp;Недавние базы данных</translation>
        </message>
        <message>
            <source>&amp;Import CSV</source>
            <translation>&amp;Импорт CSV</translation>
        </message>
        <message>
            <source>&amp;Export</source>
            <translation>&amp;Экспорт</translation>
        </message>
        <message>
            <source>&amp;Edit</source>
            <translation>&amp;Правка</translation>
        </message>
        <message>
            <source>&amp;View</source>
            <translation>&amp;Вид</translation>
        </message>
        <message>
            <source>&amp;Legend</source>
            <translation>&amp;Условные обозначения</translation>
        </message>
        <message>
            <source>&amp;Help</source>
            <translation>&amp;Справка</translation>
        </message>
        <message>
            <source>Main toolbar</source>
            <translation>Основная панель</translation>
        </message>
        <message>
            <source>reading bookings</source>
            <translation>чтение бронирований</translation>
        </message>
        <message>
            <source>conflicts report</source>
            <translation>отчёт о конфликтах</translation>
        </message>
        <message>
            <source>stages</source>
            <translation>павильоны</translation>
        </message>
        <message>
            <source>workshops</source>
            <translation>цеха</translation>
        </message>
        <message>
            <source>crew</source>
            <translation>съёмочная группа</translation>
        </message>
        <message>
            <source>no kinds</source>
            <translation>ни одного вида</translation>
        </message>
        <message>
            <source>%1, %2 (as shown on the timeline)</source>
            <translation>%1, %2 (как на временной шкале)</translation>
        </message>
        <message>
            <source>go to date: %1</source>
            <translation>переход к дате: %1</translation>
        </message>
        <message>
            <source>Go to date</source>
            <translation>Перейти к дате</translation>
        </message>
        <message>
            <source>Date or time (lot time), e.g. 2026-12-03:</source>
            <translation>Дата или время (время площадки), например 2026-12-03:</translation>
        </message>
        <message>
            <source>importing %1</source>
            <translation>импорт %1</translation>
        </message>
        <message>
            <source>Import resources</source>
            <translation>Импорт ресурсов</translation>
        </message>
        <message>
            <source>Import productions</source>
            <translation>Импорт проектов</translation>
        </message>
        <message>
            <source>Import bookings</source>
            <translation>Импорт бронирований</translation>
        </message>
        <message>
            <source>CSV files (*.csv);;All files (*)</source>
            <translation>Файлы CSV (*.csv);;Все файлы (*)</translation>
        </message>
        <message>
            <source>Timeline</source>
            <translation>Временная шкала</translation>
        </message>
        <message>
            <source>drag on a row / drag a bar / drag an end</source>
            <translation>протянуть по строке / перетащить полосу / перетащить край</translation>
        </message>
        <message>
            <source>create / move / resize</source>
            <translation>создать / переместить / изменить длительность</translation>
        </message>
        <message>
            <source>Editor</source>
            <translation>Редактор</translation>
        </message>
        <message>
            <source>Save / Cancel</source>
            <translation>Сохранить / Отмена</translation>
        </message>
        <message>
            <source>Keyboard shortcuts</source>
            <translation>Сочетания клавиш</translation>
        </message>
        <message>
            <source>&lt;b&gt;Studio Booker&lt;/b&gt;&lt;br&gt;Bookings for %1.&lt;br&gt;Lot time zone: %2&lt;br&gt;Database: %3</source>
            <translation>&lt;b&gt;Studio Booker&lt;/b&gt;&lt;br&gt;Бронирования: %1.&lt;br&gt;Часовой пояс площадки: %2&lt;br&gt;База данных: %3</translation>
        </message>
        <message>
            <source>About Studio Booker</source>
            <translation>О программе Studio Booker</translation>
        </message>
    </context>
    <context>
        <name>PreferencesDialog</name>
        <message>
            <source>Preferences</source>
            <translation>Настройки</translation>
        </message>
        <message>
            <source>System language (%1)</source>
            <translation>Язык системы (%1)</translation>
        </message>
        <message>
            <source>&amp;Language:</source>
            <translation>&amp;Язык:</translation>
        </message>
        <message>
            <source>The window is shown again in the new language at once; nothing is lost.</source>
            <translation>Окно сразу откроется заново на новом языке; ничего не теряется.</translation>
        </message>
    </context>
    <context>
        <name>QPrintPreviewDialog</name>
        <message>
            <source>Print</source>
            <translation>Печать</translation>
        </message>
    </context>
    <context>
        <name>RestoreBackupDialog</name>
        <message>
            <source>Restore backup</source>
            <translation>Восстановление из копии</translation>
        </message>
        <message>
            <source>every database</source>
            <translation>всех баз данных</translation>
        </message>
        <message>
            <source>Backups of {which} in {folder}. The one you pick is restored as a new file; the open database and the backup stay as they are.</source>
            <translation>Резервные копии {which} в {folder}. Выбранная копия восстанавливается в новый файл; открытая база данных и сама копия не меняются.</translation>
        </message>
        <message>
            <source>Restore as new file…</source>
            <translation>Восстановить в новый файл…</translation>
        </message>
        <message>
            <source>reading backups…</source>
            <translation>чтение копий…</translation>
        </message>
        <message>
            <source>No backups yet: one is taken each day the window opens this database.</source>
            <translation>Копий пока нет: копия создаётся каждый день, когда окно открывает эту базу данных.</translation>
        </message>
        <message>
            <source>Could not read the backups: {error}</source>
            <translation>Не удалось прочитать копии: {error}</translation>
        </message>
        <message>
            <source>Restore backup as new file</source>
            <translation>Восстановить копию в новый файл</translation>
        </message>
        <message>
            <source>Studio Booker databases (*.sqlite3 *.db);;All files (*)</source>
            <translation>Базы данных Studio Booker (*.sqlite3 *.db);;Все файлы (*)</translation>
        </message>
        <message>
            <source>Restoring {name} to {dest}…</source>
            <translation>Восстановление {name} в {dest}…</translation>
        </message>
        <message>
            <source>Restored the backup of {taken} (bookings: {active} active / {total}) as {path}.</source>
            <translation>Копия от {taken} (бронирования: {active} действующих / {total}) восстановлена как {path}.</translation>
        </message>
    </context>
</TS>
