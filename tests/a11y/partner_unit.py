#!/usr/bin/python3
"""Drives Jinlin through AT-SPI as a screen reader user's tools would.

Finds the controls by the names a Chinese screen reader speaks (the app
runs with the zh_CN translation): the sidebar's sections, the partner
units list and its search entry, and the fields of the partner unit
editor. Then registers a unit by typing into those fields through the
EditableText interface and pressing buttons through the Action interface.
run.sh checks the database afterwards with jinlin-cli.

Exits 0 when every step worked; prints what it did not find otherwise.
"""
import re
import sys
import time

import pyatspi

UNIT = '思明区税务局'
COMMUNITY = '莲前社区'
SECTIONS = ['概览', '组织架构', '共建单位', '会议纪要', '评议打分']
# GTK names an unnamed widget after its type: a screen reader would say that.
TYPE_NAME = re.compile(r'^(Gtk|Adw|Jl)[A-Z]')
KEY_DOWN, KEY_RETURN = 0xff54, 0xff0d
CONTROLS = {'push button', 'toggle button', 'check box', 'combo box', 'text', 'entry',
            'password text', 'spin button', 'page tab', 'switch', 'radio button'}


def fail(message):
    print('FAIL: ' + message)
    sys.exit(1)


def wait_for(what, func, timeout=20.0):
    end = time.time() + timeout
    while time.time() < end:
        try:
            found = func()
        except Exception:       # objects come and go while the UI changes
            found = None
        if found:
            return found
        time.sleep(0.2)
    fail('timed out waiting for ' + what)


def find_app(name):
    desktop = pyatspi.Registry.getDesktop(0)
    for i in range(desktop.childCount):
        app = desktop.getChildAtIndex(i)
        if app is not None and app.name == name:
            return app
    return None


def find(node, role, name):
    return pyatspi.findDescendant(node, lambda n: n.getRoleName() == role and n.name == name)


def find_all(node, role):
    return pyatspi.findAllDescendants(node, lambda n: n.getRoleName() == role)


def texts(node):
    """Every label's text under node."""
    return [n.name for n in find_all(node, 'label')]


def click(node):
    action = node.queryAction()
    names = [action.getName(i) for i in range(action.nActions)]
    if 'click' not in names:
        fail('%s “%s” has no click action (%s)' % (node.getRoleName(), node.name, names))
    action.doAction(names.index('click'))


def type_into(node, text):
    node.queryEditableText().setTextContents(text)


def click_at(node):
    """Some GTK 4.8 rows have no action: a pointer click on their middle."""
    extents = node.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
    pyatspi.Registry.generateMouseEvent(extents.x + extents.width // 2,
                                        extents.y + extents.height // 2, 'b1c')


def unnamed_controls(node, path=()):
    """Controls without a name of their own, below node."""
    bad = []
    role = node.getRoleName()
    # The button inside a drop-down is GTK's own; the drop-down is named.
    inside_combo = any(r == 'combo box' for r in path[-3:])
    if role in CONTROLS and not inside_combo and (not node.name or TYPE_NAME.match(node.name)):
        bad.append('%s %r under %s' % (role, node.name, '/'.join(path[-3:])))
    for i in range(node.childCount):
        child = node.getChildAtIndex(i)
        if child is not None:
            bad += unnamed_controls(child, path + (role,))
    return bad


def main():
    app = wait_for('the jinlin application on the AT-SPI desktop', lambda: find_app('jinlin'), 30)
    frame = wait_for('the main window', lambda: find(app, 'frame', '近邻'))

    # The sidebar: a list named 栏目 with a row per section.
    sidebar = wait_for('the sidebar 栏目', lambda: find(frame, 'list', '栏目'))
    rows = [sidebar.getChildAtIndex(i).name for i in range(sidebar.childCount)]
    for section in SECTIONS:
        if section not in rows:
            fail('no sidebar row “%s” (rows: %s)' % (section, rows))
    print('sidebar rows: ' + ' '.join(rows))
    sidebar.querySelection().selectChild(rows.index('共建单位'))

    # The page, its list and its search entry, by name.
    page = wait_for('the 共建单位 page', lambda: find(frame, 'filler', '共建单位'))
    table = wait_for('the partner units list', lambda: find(page, 'tree table', '共建单位'))
    wait_for('the existing unit in the list', lambda: '厦门市思明区税务局' in texts(table))
    search = wait_for('the search entry 搜索', lambda: find(page, 'entry', '搜索'))
    count = lambda: [t for t in texts(page) if re.fullmatch(r'\d+ 条记录', t)]
    type_into(search, '加装电梯')
    wait_for('the search to find nothing', lambda: count() == ['0 条记录'] or '厦门市思明区税务局' not in texts(table))
    type_into(search, '税务')
    wait_for('the search to find the unit', lambda: count() == ['1 条记录'] and '厦门市思明区税务局' in texts(table))
    type_into(search, '')
    print('list “%s” and search “%s” found; search works' % (table.name, search.name))

    # A new unit, through the editor's named fields.
    new = wait_for('the button 新建单位', lambda: find(page, 'push button', '新建单位'))
    click(new)
    name = wait_for('the field 单位名称', lambda: find(page, 'text', '单位名称'))
    community = find(page, 'combo box', '联系社区')
    if community is None:
        fail('no drop-down 联系社区 in the editor')
    fields = {label: find(page, 'text', label)
              for label in ('统一社会信用代码', '联络员', '联络员电话', '地址')}
    for label, node in fields.items():
        if node is None:
            fail('no field “%s” in the editor' % label)

    # The linked community: open the drop-down and pick it from its list.
    def pick_community():
        # The drop-down's popover list lies below the drop-down.
        lists = [l for l in find_all(community, 'list') if l.childCount > 1 and
                 any(COMMUNITY in texts(l.getChildAtIndex(i)) for i in range(l.childCount))]
        if not lists:
            click_at(community)
            return None
        items = lists[0]
        index = [i for i in range(items.childCount) if COMMUNITY in texts(items.getChildAtIndex(i))][0]
        # GTK 4.8 lists have no action: the keys a user presses, from the
        # current choice (the first, "—") down to the community.
        for _ in range(index):
            pyatspi.Registry.generateKeyboardEvent(KEY_DOWN, None, pyatspi.KEY_SYM)
            time.sleep(0.1)
        pyatspi.Registry.generateKeyboardEvent(KEY_RETURN, None, pyatspi.KEY_SYM)
        return True
    wait_for('the community list of 联系社区', pick_community, 15)
    wait_for('联系社区 to show ' + COMMUNITY, lambda: COMMUNITY in texts(community))

    type_into(name, UNIT)
    # A wrong check character: the field says it is invalid and the problem
    # is shown, in Chinese, naming the field, at once.
    uscc = fields['统一社会信用代码']
    invalid = lambda: uscc.getState().contains(pyatspi.STATE_INVALID)
    problem = lambda: [t for t in texts(page) if t.startswith('统一社会信用代码（uscc）：')]
    type_into(uscc, '91110000802100433A')
    wait_for('the credit code field to be invalid', invalid)
    print('problem shown: ' + wait_for('a message naming the credit code', problem)[0])
    type_into(uscc, '91110000802100433B')
    wait_for('the credit code field to be valid again', lambda: not invalid() and not problem())
    type_into(fields['联络员'], '陈晓东')
    type_into(fields['联络员电话'], '0592-2345678')
    type_into(fields['地址'], '厦门市思明区莲前西路2号')

    bad = unnamed_controls(frame)
    if bad:
        fail('controls without an accessible name:\n  ' + '\n  '.join(bad))
    print('every control in the window has a name')

    # Saved without a Save button; back to the list, where it shows.
    time.sleep(2.0)
    click(wait_for('the button 返回列表', lambda: find(page, 'push button', '返回列表')))
    wait_for('the new unit in the list', lambda: UNIT in texts(table))
    print('unit registered through AT-SPI')
    return 0


if __name__ == '__main__':
    sys.exit(main())
